Tu pedido ${order.orderId} está confirmado
