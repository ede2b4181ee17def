Hallo ${customer.firstName},

gute Nachrichten: Ihre Bestellung ${order.orderId} wurde mit ${shipment.carrierName} versandt.
Sendungsnummer: ${shipment.trackingNumber}
<#if shipment.estimatedDelivery?has_content>
Voraussichtliche Zustellung: ${shipment.estimatedDelivery}
</#if>
