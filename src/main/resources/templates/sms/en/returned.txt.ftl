<#import "/phrases/en.ftl" as w>
Order ${order.orderId} is being returned to us. ${shipment.carrierName} tracking ${shipment.trackingNumber}.<#if shipment.trackingUrl?has_content> Track: ${shipment.trackingUrl}</#if>
