Die Zahlung für Ihre Bestellung ${order.orderId} ist fehlgeschlagen
