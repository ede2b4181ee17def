Votre commande ${order.orderId} a été livrée
