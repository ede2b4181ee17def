<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

the parcel with your order ${order.orderId} is being returned to us by ${shipment.carrierName}. We will be in touch about what happens next.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
