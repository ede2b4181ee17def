<#import "/phrases/de.ftl" as w>
Bestellung ${order.orderId} kommt ${shipment.etaLater?then(w.later, w.earlier)} als erwartet: am ${shipment.estimatedDelivery} (statt ${shipment.previousEstimatedDelivery}). ${shipment.carrierName}, Sendung ${shipment.trackingNumber}.<#if (links.track)??> Verfolgen: ${links.track}<#elseif shipment.trackingUrl?has_content> Verfolgen: ${shipment.trackingUrl}</#if>
