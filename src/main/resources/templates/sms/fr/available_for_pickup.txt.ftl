<#import "/phrases/fr.ftl" as w>
Commande ${order.orderId} à retirer<#if shipment.pickupLocation?has_content> : ${shipment.pickupLocation}</#if>. ${shipment.carrierName}, suivi ${shipment.trackingNumber}.<#if (links.track)??> Suivi du colis : ${links.track}<#elseif shipment.trackingUrl?has_content> Suivi du colis : ${shipment.trackingUrl}</#if>
