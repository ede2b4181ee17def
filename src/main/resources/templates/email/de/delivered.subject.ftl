Ihre Bestellung ${order.orderId} wurde zugestellt
