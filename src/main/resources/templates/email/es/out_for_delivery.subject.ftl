Tu pedido ${order.orderId} llega hoy
