<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

Ihre Bestellung ${order.orderId} mit ${shipment.carrierName} kommt ${shipment.etaLater?then(w.later, w.earlier)} als erwartet: am ${shipment.estimatedDelivery} statt am ${shipment.previousEstimatedDelivery}.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
