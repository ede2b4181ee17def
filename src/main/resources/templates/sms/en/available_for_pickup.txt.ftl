<#import "/phrases/en.ftl" as w>
Order ${order.orderId} is ready for pickup<#if shipment.pickupLocation?has_content> at ${shipment.pickupLocation}</#if>. ${shipment.carrierName} tracking ${shipment.trackingNumber}.<#if (links.track)??> Track: ${links.track}<#elseif shipment.trackingUrl?has_content> Track: ${shipment.trackingUrl}</#if>
