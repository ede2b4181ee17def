<#-- Herald's answers to inbound SMS (docs/sms.md), chosen by reply. shipments: the sender's open ones, newest first. -->
<#import "/phrases/es.ftl" as w>
<#assign statuses = {
    "INFO_RECEIVED": "se está preparando para el envío",
    "IN_TRANSIT": "está en camino",
    "OUT_FOR_DELIVERY": "está en reparto y debería llegar hoy",
    "AVAILABLE_FOR_PICKUP": "está listo para recoger",
    "ATTEMPT_FAILED": "no se pudo entregar",
    "EXCEPTION": "está retrasado",
    "UNKNOWN": "está en camino"}>
<#assign contact><#if brand.supportEmail??> ${brand.supportEmail}</#if><#if brand.supportPhone??> ${brand.supportPhone}</#if></#assign>
<#switch reply>
<#case "opt_out_notice">Responde STOP para darte de baja.<#break>
<#case "help">${brand.name}: avisos de pedidos y entregas por SMS. Responde ESTADO para tus pedidos abiertos, STOP para darte de baja, START para volver a darte de alta.<#if contact?has_content> ${w.labels.contact}${contact}</#if><#break>
<#case "stopped">${brand.name}: no recibirás más SMS nuestros. Responde START para volver a darte de alta.<#break>
<#case "started">${brand.name}: los avisos por SMS vuelven a estar activos. Responde STOP para darte de baja.<#break>
<#case "status"><#if shipments?has_content><#list shipments as s>El pedido ${s.orderId} ${statuses[s.status]}<#if s.exceptionReason??>: ${w.reasons[s.exceptionReason]}</#if>.<#if s.estimatedDelivery??> ${w.labels.eta}: ${s.estimatedDelivery}.</#if> ${s.carrierName} ${s.trackingNumber}.<#sep>
</#list><#else>${brand.name}: no hay pedidos abiertos para este número.</#if><#break>
<#default>${brand.name}: responde ESTADO para tus pedidos abiertos, HELP para ayuda, STOP para darte de baja.<#if contact?has_content> ${w.labels.contact}${contact}</#if>
</#switch>
