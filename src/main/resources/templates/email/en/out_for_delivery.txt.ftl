<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

your order ${order.orderId} is out for delivery with ${shipment.carrierName} and should arrive today.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
