Neuigkeiten zu Ihrer Bestellung ${order.orderId}
