Ihre Bestellung ${order.orderId} wird an uns zurückgesendet
