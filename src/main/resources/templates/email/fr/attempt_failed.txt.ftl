<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

${shipment.carrierName} a tenté de livrer votre commande ${order.orderId}<#if occurredAt?has_content> le ${occurredAt}</#if>, sans succès.<#if shipment.exceptionReason??> Motif: ${w.reasons[shipment.exceptionReason]}.</#if>

Le transporteur repassera ou vous indiquera où retirer le colis.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
