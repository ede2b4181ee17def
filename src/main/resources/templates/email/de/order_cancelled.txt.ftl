<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

Ihre Bestellung ${order.orderId} wurde storniert. Falls Sie schon bezahlt haben, erstatten wir Ihnen den Betrag.

<@text.footer w=w/>
