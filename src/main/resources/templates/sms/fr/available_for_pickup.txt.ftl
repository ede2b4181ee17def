<#import "/phrases/fr.ftl" as w>
La commande ${order.orderId} vous attend au point de retrait ${shipment.pickupLocation}. ${shipment.carrierName}, suivi ${shipment.trackingNumber}.<#if shipment.trackingUrl?has_content> Suivi du colis : ${shipment.trackingUrl}</#if>
