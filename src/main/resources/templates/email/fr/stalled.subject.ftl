Des nouvelles de votre commande ${order.orderId}
