<#-- The words of the customer's pages in French; the pages take the messages' own words from /phrases/fr.ftl. -->
<#assign statuses = {
    "INFO_RECEIVED": "Étiquette créée",
    "IN_TRANSIT": "En route",
    "OUT_FOR_DELIVERY": "En cours de livraison",
    "AVAILABLE_FOR_PICKUP": "Prêt à être retiré",
    "ATTEMPT_FAILED": "Tentative de livraison échouée",
    "DELIVERED": "Livré",
    "EXCEPTION": "Retardé",
    "RETURNED": "Retourné à l'expéditeur",
    "EXPIRED": "Pas de nouvelles récentes",
    "UNKNOWN": "Statut inconnu"}>
<#assign types = {
    "order_confirmed": "Commande confirmée",
    "payment_issue": "Problème de paiement",
    "order_cancelled": "Commande annulée",
    "shipped": "Expédiée",
    "eta_changed": "Date de livraison modifiée",
    "out_for_delivery": "En cours de livraison",
    "attempt_failed": "Livraison manquée",
    "available_for_pickup": "Prêt à être retiré",
    "delivered": "Livrée",
    "delayed": "Retard",
    "stalled": "Pas de suivi récent",
    "returned": "Retournée à l'expéditeur"}>
<#assign channels = {"email": "E-mail", "sms": "SMS", "push": "Notifications de l'app"}>
<#assign track = {
    "title": "Votre commande {orderId}",
    "parcel": "Colis",
    "timeline": "Historique",
    "carrierLink": "Suivre sur le site de {carrier}",
    "zone": "Heures de {zone}.",
    "noShipment": {
        "default": "Votre commande n'est pas encore expédiée. Nous vous préviendrons dès qu'elle le sera.",
        "CANCELLED": "Cette commande a été annulée.",
        "REFUNDED": "Cette commande a été remboursée.",
        "PAYMENT_FAILED": "Le paiement de cette commande n'a pas encore abouti.",
        "ON_HOLD": "Cette commande est en attente."}}>
<#assign lookup = {
    "title": "Retrouver votre commande",
    "intro": "Saisissez votre numéro de commande et l'adresse e-mail utilisée pour commander.",
    "orderNumber": "Numéro de commande",
    "email": "Adresse e-mail",
    "submit": "Afficher ma commande",
    "failed": "Nous n'avons trouvé aucune commande avec ces informations. Vérifiez-les et réessayez.",
    "tooMany": "Trop de tentatives pour ce numéro de commande. Veuillez réessayer dans 15 minutes."}>
<#assign notFound = {
    "title": "Lien non valide",
    "text": "Ce lien n'est pas valide ou a expiré. Vous pouvez retrouver votre commande avec son numéro et votre adresse e-mail."}>
<#assign preferences = {
    "title": "Vos préférences de messages",
    "channelsLegend": "Comment nous pouvons vous contacter",
    "typesLegend": "Les messages que vous recevez, par canal",
    "message": "Message",
    "alwaysOn": "Toujours actif",
    "criticalNote": "Les messages « toujours actifs » signalent un problème qui demande votre attention, comme une livraison manquée ; ils restent actifs.",
    "submit": "Enregistrer mes préférences",
    "saved": "Vos préférences sont enregistrées.",
    "smsStopped": "Les SMS sont arrêtés pour votre numéro. Répondez START à l'un de nos SMS pour les recevoir à nouveau.",
    "emailUnsubscribed": "Vous êtes désinscrit de nos e-mails facultatifs ; seuls les messages « toujours actifs » arrivent par e-mail."}>
