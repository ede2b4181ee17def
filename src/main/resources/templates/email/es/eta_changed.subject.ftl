Nueva fecha de entrega de tu pedido ${order.orderId}
