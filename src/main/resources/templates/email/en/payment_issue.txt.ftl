<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

we could not take the payment for your order ${order.orderId}. Please check your payment details or choose another way to pay, so that we can send your order on its way.

<@text.total order=order w=w/>
<@text.footer w=w/>
