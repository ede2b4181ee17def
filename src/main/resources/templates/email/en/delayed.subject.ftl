Your order ${order.orderId} is delayed
