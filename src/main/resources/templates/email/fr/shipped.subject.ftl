Votre commande ${order.orderId} est en route
