<#import "/phrases/es.ftl" as w>
Pedido ${order.orderId} listo para recoger<#if shipment.pickupLocation?has_content> en ${shipment.pickupLocation}</#if>. ${shipment.carrierName}, seguimiento ${shipment.trackingNumber}.<#if (links.track)??> Sigue tu envío: ${links.track}<#elseif shipment.trackingUrl?has_content> Sigue tu envío: ${shipment.trackingUrl}</#if>
