<#import "/phrases/fr.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

bonne nouvelle : votre commande ${order.orderId} a été expédiée avec ${shipment.carrierName}.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
