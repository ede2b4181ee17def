Bestellung ${order.orderId} wurde zugestellt. Viel Freude!
