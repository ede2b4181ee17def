Zustellversuch für Ihre Bestellung ${order.orderId} fehlgeschlagen
