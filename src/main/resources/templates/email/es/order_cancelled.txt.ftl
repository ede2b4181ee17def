<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

tu pedido ${order.orderId} se ha cancelado. Si ya lo habías pagado, te devolveremos el importe.

<@text.footer w=w/>
