Tu pedido ${order.orderId} se ha entregado
