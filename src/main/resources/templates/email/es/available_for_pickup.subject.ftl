Tu pedido ${order.orderId} está listo para recoger
