La commande ${order.orderId} a été annulée. Si vous l'avez déjà payée, vous serez remboursé.
