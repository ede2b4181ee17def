Payment for order ${order.orderId} did not go through. Please check your payment details so we can ship it.
