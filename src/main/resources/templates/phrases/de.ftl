<#-- The words the de templates of every channel share. -->
<#assign hello = "Hallo">
<#assign later = "später">
<#assign earlier = "früher">
<#assign labels = {
    "tracking": "Sendungsnummer",
    "eta": "Voraussichtliche Zustellung",
    "location": "Letzter Standort",
    "status": "Letzter Status",
    "track": "Sendung verfolgen",
    "total": "Summe",
    "items": "Ihre Bestellung",
    "contact": "Fragen? Kontaktieren Sie uns:"}>
<#-- why a delivery failed or is late, short enough for an SMS: every ExceptionReason -->
<#assign reasons = {
    "WEATHER": "schlechtes Wetter",
    "ADDRESS": "ein Problem mit der Adresse",
    "DAMAGED": "das Paket wurde beschädigt",
    "LOST": "der Zusteller sucht das Paket",
    "CUSTOMS": "Zollabfertigung",
    "DELAYED": "eine Verzögerung im Netz des Zustellers",
    "REFUSED": "die Annahme wurde verweigert",
    "RECIPIENT_UNAVAILABLE": "niemand war zur Annahme da",
    "OTHER": "ein vom Zusteller gemeldetes Problem"}>
<#-- what a delay means for the customer, by reason, for email -->
<#assign delays = {
    "WEATHER": "Schlechtes Wetter verzögert die Zustellungen in der Region. Sie müssen nichts tun.",
    "ADDRESS": "Der Zusteller konnte die Lieferadresse nicht zuordnen. Bitte prüfen Sie Ihre Adresse und melden Sie sich, falls sie korrigiert werden muss.",
    "DAMAGED": "Das Paket wurde unterwegs beschädigt. Wir klären das mit dem Zusteller und sorgen dafür, dass Sie Ihre Bestellung erhalten.",
    "LOST": "Der Zusteller kann das Paket im Moment nicht finden und sucht danach. Wir halten Sie auf dem Laufenden.",
    "CUSTOMS": "Das Paket ist in der Zollabfertigung. Der Zoll meldet sich bei Ihnen, falls Abgaben oder Unterlagen nötig sind.",
    "DELAYED": "Das Paket verspätet sich im Netz des Zustellers.",
    "REFUSED": "Die Annahme wurde verweigert. Falls das nicht Sie waren, melden Sie sich bitte bei uns.",
    "RECIPIENT_UNAVAILABLE": "Es war niemand zur Annahme da. Der Zusteller versucht es erneut oder teilt Ihnen mit, wo Sie das Paket abholen können.",
    "OTHER": "Der Zusteller hat ein Problem bei der Zustellung gemeldet. Wir behalten es im Blick."}>
<#-- the links of the customer's pages that every message carries (docs/pages.md) -->
<#assign pageLinks = {
    "order": "Ihre Bestellung online verfolgen",
    "preferences": "Wählen Sie, welche Nachrichten Sie erhalten"}>
