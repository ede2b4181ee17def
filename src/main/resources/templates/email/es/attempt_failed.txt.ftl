<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

${shipment.carrierName} intentó entregar tu pedido ${order.orderId}<#if occurredAt?has_content> el ${occurredAt}</#if>, pero no fue posible.<#if shipment.exceptionReason??> Motivo: ${w.reasons[shipment.exceptionReason]}.</#if>

El transportista lo intentará de nuevo o te indicará dónde recogerlo.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
