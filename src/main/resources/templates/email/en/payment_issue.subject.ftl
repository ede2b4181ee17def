Payment for your order ${order.orderId} did not go through
