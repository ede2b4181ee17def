Le paiement de la commande ${order.orderId} n'a pas abouti. Vérifiez vos informations de paiement pour que nous puissions l'expédier.
