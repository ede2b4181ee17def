No se pudo cobrar el pedido ${order.orderId}. Revisa tus datos de pago para que podamos enviarlo.
