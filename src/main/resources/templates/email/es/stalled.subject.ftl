Novedades sobre tu pedido ${order.orderId}
