<#import "/phrases/fr.ftl" as w>
<#import "/sms/fit.ftl" as fit>
La commande ${order.orderId} a été livrée. Bonne découverte ! ${shipment.carrierName}, suivi ${shipment.trackingNumber}.<#if shipment.location?has_content><@fit.optional drop=1> Dernière position : ${shipment.location}.</@fit.optional></#if><#if (links.track)??> Suivi du colis : ${links.track}<#elseif shipment.trackingUrl?has_content> Suivi du colis : ${shipment.trackingUrl}</#if>
