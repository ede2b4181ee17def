<#-- Herald's answers to inbound SMS (docs/sms.md), chosen by reply. shipments: the sender's open ones, newest first. -->
<#import "/phrases/en.ftl" as w>
<#assign statuses = {
    "INFO_RECEIVED": "is being prepared for shipping",
    "IN_TRANSIT": "is on its way",
    "OUT_FOR_DELIVERY": "is out for delivery and should arrive today",
    "AVAILABLE_FOR_PICKUP": "is ready for pickup",
    "ATTEMPT_FAILED": "could not be delivered",
    "EXCEPTION": "is delayed",
    "UNKNOWN": "is on its way"}>
<#assign contact><#if brand.supportEmail??> ${brand.supportEmail}</#if><#if brand.supportPhone??> ${brand.supportPhone}</#if></#assign>
<#switch reply>
<#case "opt_out_notice">Reply STOP to opt out.<#break>
<#case "help">${brand.name}: order and delivery updates by SMS. Reply STATUS for your open orders, STOP to opt out, START to opt in again.<#if contact?has_content> ${w.labels.contact}${contact}</#if><#break>
<#case "stopped">${brand.name}: you will get no more SMS from us. Reply START to opt in again.<#break>
<#case "started">${brand.name}: SMS updates are on again. Reply STOP to opt out.<#break>
<#case "status"><#if shipments?has_content><#list shipments as s>Order ${s.orderId} ${statuses[s.status]}<#if s.exceptionReason??>: ${w.reasons[s.exceptionReason]}</#if>.<#if s.estimatedDelivery??> ${w.labels.eta}: ${s.estimatedDelivery}.</#if> ${s.carrierName} ${s.trackingNumber}.<#sep>
</#list><#else>${brand.name}: no open orders for this number.</#if><#break>
<#default>${brand.name}: reply STATUS for your open orders, HELP for help, STOP to opt out.<#if contact?has_content> ${w.labels.contact}${contact}</#if>
</#switch>
