<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

das Paket mit Ihrer Bestellung ${order.orderId} wird von ${shipment.carrierName} an uns zurückgesendet. Wir melden uns bei Ihnen, wie es weitergeht.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
