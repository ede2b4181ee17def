Your order ${order.orderId} is on its way
