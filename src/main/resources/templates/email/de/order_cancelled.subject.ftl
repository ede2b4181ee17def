Ihre Bestellung ${order.orderId} wurde storniert
