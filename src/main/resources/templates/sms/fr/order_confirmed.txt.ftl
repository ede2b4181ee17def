Commande ${order.orderId} confirmée. Nous vous écrirons dès son expédition.
