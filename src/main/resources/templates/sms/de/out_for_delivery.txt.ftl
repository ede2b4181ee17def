<#import "/phrases/de.ftl" as w>
<#import "/sms/fit.ftl" as fit>
Bestellung ${order.orderId} ist in der Zustellung und kommt heute. ${shipment.carrierName}, Sendung ${shipment.trackingNumber}.<#if shipment.location?has_content><@fit.optional drop=1> Zuletzt: ${shipment.location}.</@fit.optional></#if><#if (links.track)??> Verfolgen: ${links.track}<#elseif shipment.trackingUrl?has_content> Verfolgen: ${shipment.trackingUrl}</#if>
