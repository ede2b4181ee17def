<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

gute Nachrichten: Ihre Bestellung ${order.orderId} wurde mit ${shipment.carrierName} versandt.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
