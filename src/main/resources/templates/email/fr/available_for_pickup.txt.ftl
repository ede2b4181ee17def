<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

votre commande ${order.orderId} vous attend<#if shipment.pickupLocation?has_content> à ${shipment.pickupLocation}</#if>.

Munissez-vous de votre numéro de suivi ou d'une pièce d'identité pour la retirer.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
