<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

your order ${order.orderId} is waiting for you<#if shipment.pickupLocation?has_content> at ${shipment.pickupLocation}</#if>.

Please bring your tracking number or an ID when you collect it.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
