<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

your order ${order.orderId} was cancelled. If you have already paid for it, you will be refunded.

<@text.footer w=w/>
