Hallo ${customer.firstName},

Ihre Bestellung ${order.orderId} ist bei ${shipment.carrierName} in der Zustellung und kommt voraussichtlich heute an.
Sendungsnummer: ${shipment.trackingNumber}
