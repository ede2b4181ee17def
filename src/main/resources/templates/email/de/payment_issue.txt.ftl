<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

wir konnten die Zahlung für Ihre Bestellung ${order.orderId} nicht einziehen. Bitte prüfen Sie Ihre Zahlungsdaten oder wählen Sie eine andere Zahlungsart, damit wir Ihre Bestellung versenden können.

<@text.total order=order w=w/>
<@text.footer w=w/>
