<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

tu pedido ${order.orderId} se ha entregado<#if shipment.location?has_content> (${shipment.location})</#if>. Esperamos que lo disfrutes.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
