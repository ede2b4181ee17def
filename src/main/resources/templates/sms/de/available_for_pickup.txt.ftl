<#import "/phrases/de.ftl" as w>
Bestellung ${order.orderId} liegt zur Abholung bereit: ${shipment.pickupLocation}. ${shipment.carrierName}, Sendung ${shipment.trackingNumber}.<#if shipment.trackingUrl?has_content> Verfolgen: ${shipment.trackingUrl}</#if>
