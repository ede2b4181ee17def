<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

there has been no new scan of your order ${order.orderId} with ${shipment.carrierName} for a while. We are keeping an eye on it and will let you know as soon as it moves.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
