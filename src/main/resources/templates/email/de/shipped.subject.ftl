Ihre Bestellung ${order.orderId} ist unterwegs
