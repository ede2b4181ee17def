<#import "/phrases/es.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

tu pedido ${order.orderId} con ${shipment.carrierName} llegará ${shipment.etaLater?then(w.later, w.earlier)} de lo previsto: el ${shipment.estimatedDelivery} en lugar del ${shipment.previousEstimatedDelivery}.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
