<#import "/phrases/es.ftl" as w>
El pedido ${order.orderId} se nos está devolviendo. ${shipment.carrierName}, seguimiento ${shipment.trackingNumber}.<#if (links.track)??> Sigue tu envío: ${links.track}<#elseif shipment.trackingUrl?has_content> Sigue tu envío: ${shipment.trackingUrl}</#if>
