Nouvelle date de livraison pour votre commande ${order.orderId}
