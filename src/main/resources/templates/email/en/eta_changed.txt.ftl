<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

your order ${order.orderId} with ${shipment.carrierName} will now arrive ${shipment.etaLater?then(w.later, w.earlier)} than expected: on ${shipment.estimatedDelivery} instead of ${shipment.previousEstimatedDelivery}.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
