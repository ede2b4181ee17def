<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

votre commande ${order.orderId} a été annulée. Si vous l'avez déjà payée, vous serez remboursé.

<@text.footer w=w/>
