<#import "/phrases/en.ftl" as w>
Order ${order.orderId} is ready for pickup at ${shipment.pickupLocation}. ${shipment.carrierName} tracking ${shipment.trackingNumber}.<#if (links.track)??> Track: ${links.track}<#elseif shipment.trackingUrl?has_content> Track: ${shipment.trackingUrl}</#if>
