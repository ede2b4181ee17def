<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

thank you for your order ${order.orderId}. We have received it and will let you know as soon as it ships.

<@text.items order=order/>
<@text.total order=order w=w/>
<@text.footer w=w/>
