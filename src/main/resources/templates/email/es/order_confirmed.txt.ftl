<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

gracias por tu pedido ${order.orderId}. Lo hemos recibido y te avisaremos en cuanto salga.

<@text.items order=order/>
<@text.total order=order w=w/>
<@text.footer w=w/>
