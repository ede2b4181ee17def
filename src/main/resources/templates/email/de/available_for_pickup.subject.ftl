Ihre Bestellung ${order.orderId} liegt zur Abholung bereit
