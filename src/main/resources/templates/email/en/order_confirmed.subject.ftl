Your order ${order.orderId} is confirmed
