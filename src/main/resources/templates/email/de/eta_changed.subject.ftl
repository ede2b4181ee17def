Neuer Liefertermin für Ihre Bestellung ${order.orderId}
