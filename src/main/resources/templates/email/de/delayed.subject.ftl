Ihre Bestellung ${order.orderId} verspätet sich
