<#import "/phrases/de.ftl" as w>
Bestellung ${order.orderId} abholbereit: ${shipment.pickupLocation}. ${shipment.carrierName}, Sendung ${shipment.trackingNumber}.<#if (links.track)??> Verfolgen: ${links.track}<#elseif shipment.trackingUrl?has_content> Verfolgen: ${shipment.trackingUrl}</#if>
