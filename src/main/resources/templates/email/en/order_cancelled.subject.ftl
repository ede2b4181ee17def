Your order ${order.orderId} was cancelled
