Tu pedido ${order.orderId} se ha cancelado
