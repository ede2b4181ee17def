<#-- The words the fr templates of every channel share. -->
<#assign hello = "Bonjour">
<#assign later = "plus tard">
<#assign earlier = "plus tôt">
<#assign labels = {
    "tracking": "Numéro de suivi",
    "eta": "Livraison prévue",
    "location": "Dernière position",
    "status": "Dernier statut",
    "track": "Suivre votre colis",
    "total": "Total",
    "items": "Votre commande",
    "contact": "Des questions ? Contactez-nous :"}>
<#-- why a delivery failed or is late, short enough for an SMS: every ExceptionReason -->
<#assign reasons = {
    "WEATHER": "mauvais temps",
    "ADDRESS": "un problème d'adresse",
    "DAMAGED": "le colis a été endommagé",
    "LOST": "le transporteur recherche le colis",
    "CUSTOMS": "dédouanement en cours",
    "DELAYED": "un retard dans le réseau du transporteur",
    "REFUSED": "la livraison a été refusée",
    "RECIPIENT_UNAVAILABLE": "personne n'était là pour le recevoir",
    "OTHER": "un incident signalé par le transporteur"}>
<#-- what a delay means for the customer, by reason, for email -->
<#assign delays = {
    "WEATHER": "Le mauvais temps ralentit les livraisons dans la région. Vous n'avez rien à faire.",
    "ADDRESS": "Le transporteur n'a pas pu trouver l'adresse de livraison. Vérifiez votre adresse et contactez-nous s'il faut la corriger.",
    "DAMAGED": "Le colis a été endommagé pendant le transport. Nous voyons cela avec le transporteur et veillerons à ce que vous receviez votre commande.",
    "LOST": "Le transporteur ne parvient pas à localiser le colis pour le moment et le recherche. Nous vous tiendrons informé.",
    "CUSTOMS": "Le colis est en cours de dédouanement. La douane pourra vous contacter si des droits ou des documents sont nécessaires.",
    "DELAYED": "Le colis a pris du retard dans le réseau du transporteur.",
    "REFUSED": "La livraison a été refusée. Si ce n'était pas vous, contactez-nous.",
    "RECIPIENT_UNAVAILABLE": "Personne n'était là pour recevoir le colis. Le transporteur repassera ou vous indiquera où le retirer.",
    "OTHER": "Le transporteur a signalé un incident de livraison. Nous le suivons de près."}>
<#-- the links of the customer's pages that every message carries (docs/pages.md) -->
<#assign pageLinks = {
    "order": "Suivre votre commande en ligne",
    "preferences": "Choisir les messages que vous recevez"}>
