<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

Ihre Bestellung ${order.orderId} wartet auf Sie<#if shipment.pickupLocation?has_content>: ${shipment.pickupLocation}</#if>.

Bitte bringen Sie Ihre Sendungsnummer oder einen Ausweis zur Abholung mit.

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
