<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

${shipment.carrierName} nos está devolviendo el paquete de tu pedido ${order.orderId}. Te escribiremos para contarte los siguientes pasos.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
