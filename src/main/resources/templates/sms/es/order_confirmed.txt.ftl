Pedido ${order.orderId} confirmado. Te avisaremos por SMS cuando salga.
