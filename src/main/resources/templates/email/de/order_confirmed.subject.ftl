Ihre Bestellung ${order.orderId} ist bestätigt
