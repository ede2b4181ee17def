Order ${order.orderId} was delivered. Enjoy!
