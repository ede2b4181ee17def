Bestellung ${order.orderId} wurde storniert. Falls Sie schon bezahlt haben, erstatten wir den Betrag.
