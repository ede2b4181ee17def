<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

no hemos podido cobrar tu pedido ${order.orderId}. Revisa tus datos de pago o elige otra forma de pago para que podamos enviarlo.

<@text.total order=order w=w/>
<@text.footer w=w/>
