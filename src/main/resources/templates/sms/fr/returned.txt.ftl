<#import "/phrases/fr.ftl" as w>
La commande ${order.orderId} nous est retournée. ${shipment.carrierName}, suivi ${shipment.trackingNumber}.<#if (links.track)??> Suivi du colis : ${links.track}<#elseif shipment.trackingUrl?has_content> Suivi du colis : ${shipment.trackingUrl}</#if>
