No se pudo cobrar tu pedido ${order.orderId}
