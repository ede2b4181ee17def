<#-- Herald's answers to inbound SMS (docs/sms.md), chosen by reply. shipments: the sender's open ones, newest first. -->
<#import "/phrases/fr.ftl" as w>
<#assign statuses = {
    "INFO_RECEIVED": "est en préparation",
    "IN_TRANSIT": "est en route",
    "OUT_FOR_DELIVERY": "est en cours de livraison et devrait arriver aujourd'hui",
    "AVAILABLE_FOR_PICKUP": "est prête à être retirée",
    "ATTEMPT_FAILED": "n'a pas pu être livrée",
    "EXCEPTION": "est retardée",
    "UNKNOWN": "est en route"}>
<#assign contact><#if brand.supportEmail??> ${brand.supportEmail}</#if><#if brand.supportPhone??> ${brand.supportPhone}</#if></#assign>
<#switch reply>
<#case "opt_out_notice">Répondez STOP pour vous désabonner.<#break>
<#case "help">${brand.name} : suivi de commandes et de livraisons par SMS. Répondez STATUT pour vos commandes en cours, STOP pour vous désabonner, START pour vous réabonner.<#if contact?has_content> ${w.labels.contact}${contact}</#if><#break>
<#case "stopped">${brand.name} : vous ne recevrez plus de SMS de notre part. Répondez START pour vous réabonner.<#break>
<#case "started">${brand.name} : les SMS de suivi sont réactivés. Répondez STOP pour vous désabonner.<#break>
<#case "status"><#if shipments?has_content><#list shipments as s>La commande ${s.orderId} ${statuses[s.status]}<#if s.exceptionReason??> : ${w.reasons[s.exceptionReason]}</#if>.<#if s.estimatedDelivery??> ${w.labels.eta} : ${s.estimatedDelivery}.</#if> ${s.carrierName} ${s.trackingNumber}.<#sep>
</#list><#else>${brand.name} : aucune commande en cours pour ce numéro.</#if><#break>
<#default>${brand.name} : répondez STATUT pour vos commandes en cours, HELP pour de l'aide, STOP pour vous désabonner.<#if contact?has_content> ${w.labels.contact}${contact}</#if>
</#switch>
