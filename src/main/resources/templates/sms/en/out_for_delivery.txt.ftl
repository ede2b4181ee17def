Order ${order.orderId} is out for delivery and should arrive today.
