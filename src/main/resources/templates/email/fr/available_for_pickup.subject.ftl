Votre commande ${order.orderId} est prête à être retirée
