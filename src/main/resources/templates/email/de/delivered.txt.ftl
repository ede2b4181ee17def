<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

Ihre Bestellung ${order.orderId} wurde zugestellt<#if shipment.location?has_content> (${shipment.location})</#if>. Viel Freude damit!

<@text.details shipment=shipment w=w eta=false/>
<@text.footer w=w/>
