<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

Ihre Bestellung ${order.orderId} ist bei ${shipment.carrierName} in der Zustellung und kommt voraussichtlich heute an.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
