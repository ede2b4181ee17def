<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

seit einiger Zeit hat ${shipment.carrierName} Ihre Bestellung ${order.orderId} nicht mehr erfasst. Wir behalten sie im Blick und melden uns, sobald es weitergeht.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
