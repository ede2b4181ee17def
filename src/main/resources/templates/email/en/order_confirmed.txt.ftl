Hello ${customer.firstName},

thank you for your order ${order.orderId}. We have received it and will let you know as soon as it ships.
<#list order.items as item>
- ${item.quantity!1} x ${item.name!item.sku!""}
</#list>
<#if order.total?has_content>
Total: ${order.total} ${order.currency}
</#if>
