<#import "/phrases/de.ftl" as w>
<#import "/sms/fit.ftl" as fit>
Zustellversuch für Bestellung ${order.orderId} fehlgeschlagen<#if shipment.exceptionReason??>: ${w.reasons[shipment.exceptionReason]}</#if>. ${shipment.carrierName}, Sendung ${shipment.trackingNumber}.<#if shipment.location?has_content><@fit.optional drop=1> Zuletzt: ${shipment.location}.</@fit.optional></#if><#if (links.track)??> Verfolgen: ${links.track}<#elseif shipment.trackingUrl?has_content> Verfolgen: ${shipment.trackingUrl}</#if>
