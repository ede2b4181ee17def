Hello ${customer.firstName},

good news: your order ${order.orderId} has shipped with ${shipment.carrierName}.
Tracking number: ${shipment.trackingNumber}
<#if shipment.estimatedDelivery?has_content>
Expected delivery: ${shipment.estimatedDelivery}
</#if>
