<#-- The words of the customer's pages in Spanish; the pages take the messages' own words from /phrases/es.ftl. -->
<#assign statuses = {
    "INFO_RECEIVED": "Etiqueta creada",
    "IN_TRANSIT": "En camino",
    "OUT_FOR_DELIVERY": "En reparto",
    "AVAILABLE_FOR_PICKUP": "Listo para recoger",
    "ATTEMPT_FAILED": "Intento de entrega fallido",
    "DELIVERED": "Entregado",
    "EXCEPTION": "Retrasado",
    "RETURNED": "Devuelto al remitente",
    "EXPIRED": "Sin novedades recientes",
    "UNKNOWN": "Estado desconocido"}>
<#assign types = {
    "order_confirmed": "Pedido confirmado",
    "payment_issue": "Problema con el pago",
    "order_cancelled": "Pedido cancelado",
    "shipped": "Enviado",
    "eta_changed": "Cambio de fecha de entrega",
    "out_for_delivery": "En reparto",
    "attempt_failed": "Entrega fallida",
    "available_for_pickup": "Listo para recoger",
    "delivered": "Entregado",
    "delayed": "Retraso",
    "stalled": "Sin novedades de seguimiento",
    "returned": "Devuelto al remitente"}>
<#assign channels = {"email": "Correo electrónico", "sms": "SMS", "push": "Notificaciones de la app"}>
<#assign track = {
    "title": "Tu pedido {orderId}",
    "parcel": "Paquete",
    "timeline": "Historial",
    "carrierLink": "Síguelo en la web de {carrier}",
    "zone": "Horas en {zone}.",
    "noShipment": {
        "default": "Tu pedido aún no se ha enviado. Te avisaremos en cuanto salga.",
        "CANCELLED": "Este pedido se ha cancelado.",
        "REFUNDED": "Este pedido se ha reembolsado.",
        "PAYMENT_FAILED": "Aún no hemos podido cobrar este pedido.",
        "ON_HOLD": "Este pedido está en espera."}}>
<#assign lookup = {
    "title": "Encuentra tu pedido",
    "intro": "Introduce tu número de pedido y el correo electrónico con el que lo hiciste.",
    "orderNumber": "Número de pedido",
    "email": "Correo electrónico",
    "submit": "Ver mi pedido",
    "failed": "No encontramos ningún pedido con estos datos. Revísalos e inténtalo de nuevo.",
    "tooMany": "Demasiados intentos para este número de pedido. Inténtalo de nuevo dentro de 15 minutos."}>
<#assign notFound = {
    "title": "Enlace no válido",
    "text": "Este enlace no es válido o ha caducado. Puedes encontrar tu pedido con su número y tu correo electrónico."}>
<#assign preferences = {
    "title": "Tus preferencias de mensajes",
    "channelsLegend": "Cómo podemos contactarte",
    "typesLegend": "Qué mensajes recibes, por canal",
    "message": "Mensaje",
    "alwaysOn": "Siempre activo",
    "criticalNote": "Los mensajes «siempre activos» te avisan de un problema que te necesita, como una entrega fallida; siguen activos.",
    "submit": "Guardar mis preferencias",
    "saved": "Tus preferencias se han guardado.",
    "smsStopped": "Los SMS están detenidos para tu número. Responde START a uno de nuestros SMS para volver a recibirlos.",
    "emailUnsubscribed": "Te diste de baja de nuestros correos opcionales; por correo solo llegan los mensajes «siempre activos»."}>
