Your order ${order.orderId} is ready for pickup
