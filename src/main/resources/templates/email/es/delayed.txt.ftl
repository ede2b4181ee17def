<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

tu pedido ${order.orderId} con ${shipment.carrierName} se retrasa. ${w.delays[shipment.exceptionReason!"OTHER"]}

<#if shipment.estimatedDelivery?has_content>La nueva fecha de entrega prevista es el ${shipment.estimatedDelivery}.<#else>Te avisaremos en cuanto haya una nueva fecha de entrega.</#if>

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
