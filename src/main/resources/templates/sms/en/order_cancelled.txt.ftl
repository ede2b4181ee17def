Order ${order.orderId} was cancelled. If you have paid, you will be refunded.
