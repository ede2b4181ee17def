<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

Ihre Bestellung ${order.orderId} mit ${shipment.carrierName} verspätet sich. ${w.delays[shipment.exceptionReason!"OTHER"]}

<#if shipment.estimatedDelivery?has_content>Der neue voraussichtliche Liefertermin ist ${shipment.estimatedDelivery}.<#else>Wir melden uns, sobald es einen neuen Liefertermin gibt.</#if>

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
