<#import "/phrases/fr.ftl" as w>
La commande ${order.orderId} arrivera ${shipment.etaLater?then(w.later, w.earlier)} que prévu : le ${shipment.estimatedDelivery} (au lieu du ${shipment.previousEstimatedDelivery}). ${shipment.carrierName}, suivi ${shipment.trackingNumber}.<#if shipment.trackingUrl?has_content> Suivi du colis : ${shipment.trackingUrl}</#if>
