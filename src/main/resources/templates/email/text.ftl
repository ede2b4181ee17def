<#-- The parts of the plain-text emails that every type shares. -->
<#macro details shipment w eta>
${w.labels.tracking}: ${shipment.trackingNumber} (${shipment.carrierName})
<#if eta && shipment.estimatedDelivery?has_content>
${w.labels.eta}: ${shipment.estimatedDelivery}
</#if>
<#if shipment.location?has_content>
${w.labels.location}: ${shipment.location}
</#if>
<#if shipment.statusText?has_content>
${w.labels.status}: ${shipment.statusText}
</#if>
<#if shipment.trackingUrl?has_content>
${w.labels.track}: ${shipment.trackingUrl}
</#if>
</#macro>

<#macro items order>
<#list order.items as item>
- ${item.quantity!1} x ${item.name!item.sku!""}
</#list>
</#macro>

<#macro total order w>
<#if order.total?has_content>
${w.labels.total}: ${order.total}
</#if>
</#macro>

<#macro footer w>
<#if (links.track)??>

${w.pageLinks.order}: ${links.track}
</#if>
<#if brand.supportEmail?? || brand.supportPhone??>

${w.labels.contact}<#if brand.supportEmail??> ${brand.supportEmail}</#if><#if brand.supportPhone??> ${brand.supportPhone}</#if>
</#if>
<#if (links.preferences)??>

${w.pageLinks.preferences}: ${links.preferences}
</#if>

${brand.name}
</#macro>
