Die Zahlung für Bestellung ${order.orderId} ist fehlgeschlagen. Bitte prüfen Sie Ihre Zahlungsdaten, damit wir versenden können.
