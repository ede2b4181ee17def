<#import "/phrases/en.ftl" as w>
<#import "/sms/fit.ftl" as fit>
Order ${order.orderId} is out for delivery and should arrive today. ${shipment.carrierName} tracking ${shipment.trackingNumber}.<#if shipment.location?has_content><@fit.optional drop=1> Latest location: ${shipment.location}.</@fit.optional></#if><#if (links.track)??> Track: ${links.track}<#elseif shipment.trackingUrl?has_content> Track: ${shipment.trackingUrl}</#if>
