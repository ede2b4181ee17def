<#import "/phrases/de.ftl" as w>
Bestellung ${order.orderId} wird an uns zurückgesendet. ${shipment.carrierName}, Sendung ${shipment.trackingNumber}.<#if shipment.trackingUrl?has_content> Verfolgen: ${shipment.trackingUrl}</#if>
