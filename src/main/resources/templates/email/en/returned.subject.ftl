Your order ${order.orderId} is being returned to us
