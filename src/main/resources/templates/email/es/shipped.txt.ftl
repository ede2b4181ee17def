<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

buenas noticias: tu pedido ${order.orderId} ha salido con ${shipment.carrierName}.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
