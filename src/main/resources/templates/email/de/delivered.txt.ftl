Hallo ${customer.firstName},

Ihre Bestellung ${order.orderId} wurde zugestellt<#if shipment.location?has_content> (${shipment.location})</#if>. Viel Freude damit!
Sendungsnummer: ${shipment.trackingNumber}
