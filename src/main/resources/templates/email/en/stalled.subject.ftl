An update on your order ${order.orderId}
