<#import "/phrases/de.ftl" as w>
<#import "/email/text.ftl" as text>
${w.hello}<#if customer.firstName?has_content> ${customer.firstName}</#if>,

${shipment.carrierName} hat versucht, Ihre Bestellung ${order.orderId}<#if occurredAt?has_content> am ${occurredAt}</#if> zuzustellen, leider ohne Erfolg.<#if shipment.exceptionReason??> Grund: ${w.reasons[shipment.exceptionReason]}.</#if>

Der Zusteller versucht es erneut oder teilt Ihnen mit, wo Sie das Paket abholen können.

<@text.details shipment=shipment w=w eta=true/>
<@text.footer w=w/>
