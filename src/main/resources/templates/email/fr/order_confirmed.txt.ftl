<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

merci pour votre commande ${order.orderId}. Nous l'avons bien reçue et vous préviendrons dès son expédition.

<@text.items order=order/>
<@text.total order=order w=w/>
<@text.footer w=w/>
