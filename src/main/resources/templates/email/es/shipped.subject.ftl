Tu pedido ${order.orderId} está en camino
