Bestellung ${order.orderId} bestätigt. Wir melden uns beim Versand.
