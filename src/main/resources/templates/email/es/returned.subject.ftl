Tu pedido ${order.orderId} se nos está devolviendo
