<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

nous n'avons pas pu encaisser le paiement de votre commande ${order.orderId}. Vérifiez vos informations de paiement ou choisissez un autre moyen de paiement pour que nous puissions l'expédier.

<@text.total order=order w=w/>
<@text.footer w=w/>
