Ihre Bestellung ${order.orderId} kommt heute
