<#import "/phrases/en.ftl" as w>
Order ${order.orderId} now arrives ${shipment.etaLater?then(w.later, w.earlier)} than expected: ${shipment.estimatedDelivery} (was ${shipment.previousEstimatedDelivery}). ${shipment.carrierName} tracking ${shipment.trackingNumber}.<#if (links.track)??> Track: ${links.track}<#elseif shipment.trackingUrl?has_content> Track: ${shipment.trackingUrl}</#if>
