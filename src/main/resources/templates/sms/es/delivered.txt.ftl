<#import "/phrases/es.ftl" as w>
<#import "/sms/fit.ftl" as fit>
El pedido ${order.orderId} se ha entregado. ¡Que lo disfrutes! ${shipment.carrierName}, seguimiento ${shipment.trackingNumber}.<#if shipment.location?has_content><@fit.optional drop=1> Última ubicación: ${shipment.location}.</@fit.optional></#if><#if (links.track)??> Sigue tu envío: ${links.track}<#elseif shipment.trackingUrl?has_content> Sigue tu envío: ${shipment.trackingUrl}</#if>
