<#import "/phrases/en.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

${shipment.carrierName} tried to deliver your order ${order.orderId}<#if occurredAt?has_content> on ${occurredAt}</#if>, but could not.<#if shipment.exceptionReason??> Reason: ${w.reasons[shipment.exceptionReason]}.</#if>

The carrier will try again or let you know where to collect it.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
