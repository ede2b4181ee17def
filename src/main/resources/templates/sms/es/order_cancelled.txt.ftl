El pedido ${order.orderId} se ha cancelado. Si ya lo pagaste, te devolveremos el importe.
