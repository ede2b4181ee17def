<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

your order ${order.orderId} was delivered<#if shipment.location?has_content> (${shipment.location})</#if>. We hope you enjoy it.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
