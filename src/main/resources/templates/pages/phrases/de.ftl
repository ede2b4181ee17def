<#-- The words of the customer's pages in German; the pages take the messages' own words from /phrases/de.ftl. -->
<#assign statuses = {
    "INFO_RECEIVED": "Sendungsdaten übermittelt",
    "IN_TRANSIT": "Unterwegs",
    "OUT_FOR_DELIVERY": "In Zustellung",
    "AVAILABLE_FOR_PICKUP": "Zur Abholung bereit",
    "ATTEMPT_FAILED": "Zustellversuch fehlgeschlagen",
    "DELIVERED": "Zugestellt",
    "EXCEPTION": "Verzögert",
    "RETURNED": "An den Absender zurück",
    "EXPIRED": "Keine neuen Informationen",
    "UNKNOWN": "Status unbekannt"}>
<#assign types = {
    "order_confirmed": "Bestellung bestätigt",
    "payment_issue": "Problem mit der Zahlung",
    "order_cancelled": "Bestellung storniert",
    "shipped": "Versandt",
    "eta_changed": "Neuer Liefertermin",
    "out_for_delivery": "In Zustellung",
    "attempt_failed": "Zustellung verpasst",
    "available_for_pickup": "Zur Abholung bereit",
    "delivered": "Zugestellt",
    "delayed": "Verzögert",
    "stalled": "Keine Sendungsupdates",
    "returned": "An den Absender zurück"}>
<#assign channels = {"email": "E-Mail", "sms": "SMS", "push": "App-Benachrichtigungen"}>
<#assign track = {
    "title": "Ihre Bestellung {orderId}",
    "parcel": "Paket",
    "timeline": "Verlauf",
    "carrierLink": "Auf der Website von {carrier} verfolgen",
    "zone": "Zeiten in {zone}.",
    "noShipment": {
        "default": "Ihre Bestellung ist noch nicht versandt. Wir melden uns, sobald sie unterwegs ist.",
        "CANCELLED": "Diese Bestellung wurde storniert.",
        "REFUNDED": "Diese Bestellung wurde erstattet.",
        "PAYMENT_FAILED": "Die Zahlung für diese Bestellung ist noch nicht eingegangen.",
        "ON_HOLD": "Diese Bestellung ist angehalten."}}>
<#assign lookup = {
    "title": "Bestellung finden",
    "intro": "Geben Sie Ihre Bestellnummer und die E-Mail-Adresse Ihrer Bestellung ein.",
    "orderNumber": "Bestellnummer",
    "email": "E-Mail-Adresse",
    "submit": "Bestellung anzeigen",
    "failed": "Wir konnten keine Bestellung mit diesen Angaben finden. Bitte prüfen Sie sie und versuchen Sie es erneut.",
    "tooMany": "Zu viele Versuche für diese Bestellnummer. Bitte versuchen Sie es in 15 Minuten erneut."}>
<#assign notFound = {
    "title": "Link ungültig",
    "text": "Dieser Link ist ungültig oder abgelaufen. Sie finden Ihre Bestellung auch mit der Bestellnummer und Ihrer E-Mail-Adresse."}>
<#assign preferences = {
    "title": "Ihre Benachrichtigungen",
    "channelsLegend": "Wie wir Sie erreichen dürfen",
    "typesLegend": "Welche Nachrichten Sie auf welchem Weg erhalten",
    "message": "Nachricht",
    "alwaysOn": "Immer an",
    "criticalNote": "Nachrichten mit „Immer an“ melden ein Problem, bei dem wir Sie brauchen, etwa eine verpasste Zustellung; sie bleiben an.",
    "submit": "Einstellungen speichern",
    "saved": "Ihre Einstellungen sind gespeichert.",
    "smsStopped": "SMS sind für Ihre Nummer gestoppt. Antworten Sie START auf eine unserer SMS, um sie wieder zu erhalten.",
    "emailUnsubscribed": "Sie haben unsere optionalen E-Mails abbestellt; per E-Mail kommen nur Nachrichten mit „Immer an“."}>
