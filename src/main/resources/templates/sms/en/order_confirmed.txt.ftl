Order ${order.orderId} confirmed. We'll text you when it ships.
