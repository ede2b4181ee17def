Hello ${customer.firstName},

your order ${order.orderId} is out for delivery with ${shipment.carrierName} and should arrive today.
Tracking number: ${shipment.trackingNumber}
