Votre commande ${order.orderId} a du retard
