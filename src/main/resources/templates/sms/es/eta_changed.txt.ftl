<#import "/phrases/es.ftl" as w>
El pedido ${order.orderId} llegará ${shipment.etaLater?then(w.later, w.earlier)} de lo previsto: el ${shipment.estimatedDelivery} (antes: ${shipment.previousEstimatedDelivery}). ${shipment.carrierName}, seguimiento ${shipment.trackingNumber}.<#if shipment.trackingUrl?has_content> Sigue tu envío: ${shipment.trackingUrl}</#if>
