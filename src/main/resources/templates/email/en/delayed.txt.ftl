<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

your order ${order.orderId} with ${shipment.carrierName} is delayed. ${w.delays[shipment.exceptionReason!"OTHER"]}

<#if shipment.estimatedDelivery?has_content>The new expected delivery date is ${shipment.estimatedDelivery}.<#else>We will let you know as soon as there is a new delivery date.</#if>

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
