Delivery attempt for your order ${order.orderId} failed
