<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

le colis de votre commande ${order.orderId} nous est retourné par ${shipment.carrierName}. Nous reviendrons vers vous pour la suite.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
