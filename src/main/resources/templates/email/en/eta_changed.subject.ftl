New delivery date for your order ${order.orderId}
