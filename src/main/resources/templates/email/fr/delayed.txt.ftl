<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

votre commande ${order.orderId} avec ${shipment.carrierName} a du retard. ${w.delays[shipment.exceptionReason!"OTHER"]}

<#if shipment.estimatedDelivery?has_content>La nouvelle date de livraison prévue est le ${shipment.estimatedDelivery}.<#else>Nous vous préviendrons dès qu'une nouvelle date de livraison sera connue.</#if>

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
