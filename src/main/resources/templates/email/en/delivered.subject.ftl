Your order ${order.orderId} was delivered
