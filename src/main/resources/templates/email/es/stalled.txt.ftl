<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

hace un tiempo que ${shipment.carrierName} no registra ningún movimiento de tu pedido ${order.orderId}. Lo estamos vigilando y te avisaremos en cuanto avance.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
