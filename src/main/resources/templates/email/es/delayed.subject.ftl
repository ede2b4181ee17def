Tu pedido ${order.orderId} se retrasa
