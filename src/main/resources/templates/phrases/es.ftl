<#-- The words the es templates of every channel share. -->
<#assign hello = "Hola">
<#assign later = "más tarde">
<#assign earlier = "antes">
<#assign labels = {
    "tracking": "Número de seguimiento",
    "eta": "Entrega prevista",
    "location": "Última ubicación",
    "status": "Último estado",
    "track": "Sigue tu paquete",
    "total": "Total",
    "items": "Tu pedido",
    "contact": "¿Preguntas? Escríbenos o llámanos:"}>
<#-- why a delivery failed or is late, short enough for an SMS: every ExceptionReason -->
<#assign reasons = {
    "WEATHER": "mal tiempo",
    "ADDRESS": "un problema con la dirección",
    "DAMAGED": "el paquete se dañó",
    "LOST": "el transportista está buscando el paquete",
    "CUSTOMS": "trámites de aduana",
    "DELAYED": "un retraso en la red del transportista",
    "REFUSED": "se rechazó la entrega",
    "RECIPIENT_UNAVAILABLE": "no había nadie para recibirlo",
    "OTHER": "una incidencia comunicada por el transportista"}>
<#-- what a delay means for the customer, by reason, for email -->
<#assign delays = {
    "WEATHER": "El mal tiempo está retrasando las entregas en la zona. No tienes que hacer nada.",
    "ADDRESS": "El transportista no ha podido localizar la dirección de entrega. Revisa tu dirección y escríbenos si hay que corregirla.",
    "DAMAGED": "El paquete se dañó durante el transporte. Lo estamos revisando con el transportista y nos aseguraremos de que recibas tu pedido.",
    "LOST": "El transportista no localiza el paquete en este momento y lo está buscando. Te mantendremos informado.",
    "CUSTOMS": "El paquete está pasando por la aduana. Es posible que la aduana te contacte si hacen falta aranceles o documentos.",
    "DELAYED": "El paquete lleva retraso en la red del transportista.",
    "REFUSED": "Se rechazó la entrega. Si no fuiste tú, escríbenos.",
    "RECIPIENT_UNAVAILABLE": "No había nadie para recibir el paquete. El transportista lo intentará de nuevo o te indicará dónde recogerlo.",
    "OTHER": "El transportista ha comunicado una incidencia con la entrega. La estamos siguiendo."}>
<#-- the links of the customer's pages that every message carries (docs/pages.md) -->
<#assign pageLinks = {
    "order": "Sigue tu pedido en línea",
    "preferences": "Elige qué mensajes recibes"}>
