<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

tu pedido ${order.orderId} está en reparto con ${shipment.carrierName} y debería llegar hoy.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
