Votre commande ${order.orderId} est confirmée
