Bestellung ${order.orderId} mit ${shipment.carrierName} versandt, Sendung ${shipment.trackingNumber}.
