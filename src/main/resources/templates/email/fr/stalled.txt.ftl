<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

${shipment.carrierName} n'a enregistré aucun mouvement de votre commande ${order.orderId} depuis un moment. Nous la surveillons et vous préviendrons dès qu'elle avance.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
