<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

votre commande ${order.orderId} a été livrée<#if shipment.location?has_content> (${shipment.location})</#if>. Nous espérons qu'elle vous plaira.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
