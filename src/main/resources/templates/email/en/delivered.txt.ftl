Hello ${customer.firstName},

your order ${order.orderId} was delivered<#if shipment.location?has_content> (${shipment.location})</#if>. We hope you enjoy it.
Tracking number: ${shipment.trackingNumber}
