No se pudo entregar tu pedido ${order.orderId}
