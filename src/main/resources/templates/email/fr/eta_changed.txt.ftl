<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

votre commande ${order.orderId} avec ${shipment.carrierName} arrivera ${shipment.etaLater?then(w.later, w.earlier)} que prévu : le ${shipment.estimatedDelivery} au lieu du ${shipment.previousEstimatedDelivery}.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
