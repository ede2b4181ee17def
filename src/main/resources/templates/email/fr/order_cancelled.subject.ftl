Votre commande ${order.orderId} a été annulée
