<#-- Herald's answers to inbound SMS (docs/sms.md), chosen by reply. shipments: the sender's open ones, newest first. -->
<#import "/phrases/de.ftl" as w>
<#assign statuses = {
    "INFO_RECEIVED": "wird für den Versand vorbereitet",
    "IN_TRANSIT": "ist unterwegs",
    "OUT_FOR_DELIVERY": "ist in Zustellung und kommt heute",
    "AVAILABLE_FOR_PICKUP": "liegt zur Abholung bereit",
    "ATTEMPT_FAILED": "konnte nicht zugestellt werden",
    "EXCEPTION": "verspätet sich",
    "UNKNOWN": "ist unterwegs"}>
<#assign contact><#if brand.supportEmail??> ${brand.supportEmail}</#if><#if brand.supportPhone??> ${brand.supportPhone}</#if></#assign>
<#switch reply>
<#case "opt_out_notice">Antworten Sie STOP zum Abmelden.<#break>
<#case "help">${brand.name}: Bestell- und Lieferinfos per SMS. Antworten Sie STAND für Ihre offenen Bestellungen, STOP zum Abmelden, START zum erneuten Anmelden.<#if contact?has_content> ${w.labels.contact}${contact}</#if><#break>
<#case "stopped">${brand.name}: Sie erhalten keine SMS mehr von uns. Antworten Sie START, um sich wieder anzumelden.<#break>
<#case "started">${brand.name}: SMS-Infos sind wieder an. Antworten Sie STOP zum Abmelden.<#break>
<#case "status"><#if shipments?has_content><#list shipments as s>Bestellung ${s.orderId} ${statuses[s.status]}<#if s.exceptionReason??>: ${w.reasons[s.exceptionReason]}</#if>.<#if s.estimatedDelivery??> ${w.labels.eta}: ${s.estimatedDelivery}.</#if> ${s.carrierName} ${s.trackingNumber}.<#sep>
</#list><#else>${brand.name}: keine offenen Bestellungen für diese Nummer.</#if><#break>
<#default>${brand.name}: Antworten Sie STAND für Ihre offenen Bestellungen, HELP für Hilfe, STOP zum Abmelden.<#if contact?has_content> ${w.labels.contact}${contact}</#if>
</#switch>
