<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

vielen Dank für Ihre Bestellung ${order.orderId}. Wir haben sie erhalten und melden uns, sobald sie versandt wird.

<@text.items order=order/>
<@text.total order=order w=w/>
<@text.footer w=w/>
