<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

good news: your order ${order.orderId} has shipped with ${shipment.carrierName}.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
