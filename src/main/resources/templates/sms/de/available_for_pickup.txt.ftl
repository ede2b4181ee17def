<#import "/phrases/de.ftl" as w>
Bestellung ${order.orderId} abholbereit<#if shipment.pickupLocation?has_content>: ${shipment.pickupLocation}</#if>. ${shipment.carrierName}, Sendung ${shipment.trackingNumber}.<#if (links.track)??> Verfolgen: ${links.track}<#elseif shipment.trackingUrl?has_content> Verfolgen: ${shipment.trackingUrl}</#if>
