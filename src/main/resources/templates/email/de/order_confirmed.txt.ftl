Hallo ${customer.firstName},

vielen Dank für Ihre Bestellung ${order.orderId}. Wir haben sie erhalten und melden uns, sobald sie versandt wird.
<#list order.items as item>
- ${item.quantity!1} x ${item.name!item.sku!""}
</#list>
<#if order.total?has_content>
Summe: ${order.total} ${order.currency}
</#if>
