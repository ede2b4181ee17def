Le paiement de votre commande ${order.orderId} n'a pas abouti
