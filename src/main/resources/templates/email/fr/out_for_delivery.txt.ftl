<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

votre commande ${order.orderId} est en cours de livraison avec ${shipment.carrierName} et devrait arriver aujourd'hui.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
