Échec de la livraison de votre commande ${order.orderId}
