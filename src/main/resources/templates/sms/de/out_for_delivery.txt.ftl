Bestellung ${order.orderId} ist in der Zustellung und kommt heute.
