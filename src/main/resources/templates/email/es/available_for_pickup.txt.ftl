<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

tu pedido ${order.orderId} te espera<#if shipment.pickupLocation?has_content> en ${shipment.pickupLocation}</#if>.

Lleva tu número de seguimiento o un documento de identidad cuando vayas a recogerlo.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
