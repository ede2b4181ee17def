Your order ${order.orderId} arrives today
