Order ${order.orderId} shipped with ${shipment.carrierName}, tracking ${shipment.trackingNumber}.
