Votre commande ${order.orderId} arrive aujourd'hui
