<#import "/phrases/de.ftl" as w>
<#import "/sms/fit.ftl" as fit>
Bestellung ${order.orderId} mit ${shipment.carrierName} versandt, Sendung ${shipment.trackingNumber}.<#if shipment.estimatedDelivery?has_content> Voraussichtlich: ${shipment.estimatedDelivery}.</#if><#if shipment.location?has_content><@fit.optional drop=1> Zuletzt: ${shipment.location}.</@fit.optional></#if><#if (links.track)??> Verfolgen: ${links.track}<#elseif shipment.trackingUrl?has_content> Verfolgen: ${shipment.trackingUrl}</#if>
