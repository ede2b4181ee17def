Votre commande ${order.orderId} nous est retournée
