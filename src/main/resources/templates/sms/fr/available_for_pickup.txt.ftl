<#import "/phrases/fr.ftl" as w>
Commande ${order.orderId} à retirer : ${shipment.pickupLocation}. ${shipment.carrierName}, suivi ${shipment.trackingNumber}.<#if (links.track)??> Suivi du colis : ${links.track}<#elseif shipment.trackingUrl?has_content> Suivi du colis : ${shipment.trackingUrl}</#if>
