<#-- The words of the customer's pages in English; the pages take the messages' own words from /phrases/en.ftl. -->
<#assign statuses = {
    "INFO_RECEIVED": "Label created",
    "IN_TRANSIT": "On its way",
    "OUT_FOR_DELIVERY": "Out for delivery",
    "AVAILABLE_FOR_PICKUP": "Ready for pickup",
    "ATTEMPT_FAILED": "Delivery attempt failed",
    "DELIVERED": "Delivered",
    "EXCEPTION": "Delayed",
    "RETURNED": "Returned to sender",
    "EXPIRED": "No recent updates",
    "UNKNOWN": "Status unknown"}>
<#assign types = {
    "order_confirmed": "Order confirmed",
    "payment_issue": "Payment problem",
    "order_cancelled": "Order cancelled",
    "shipped": "Shipped",
    "eta_changed": "Delivery date changed",
    "out_for_delivery": "Out for delivery",
    "attempt_failed": "Missed delivery",
    "available_for_pickup": "Ready for pickup",
    "delivered": "Delivered",
    "delayed": "Delayed",
    "stalled": "No tracking updates",
    "returned": "Returned to sender"}>
<#assign channels = {"email": "Email", "sms": "SMS", "push": "App notifications"}>
<#assign track = {
    "title": "Your order {orderId}",
    "parcel": "Parcel",
    "timeline": "History",
    "carrierLink": "Follow it on the {carrier} website",
    "zone": "Times in {zone}.",
    "noShipment": {
        "default": "Your order has not shipped yet. We will let you know as soon as it does.",
        "CANCELLED": "This order was cancelled.",
        "REFUNDED": "This order was refunded.",
        "PAYMENT_FAILED": "We could not take the payment for this order yet.",
        "ON_HOLD": "This order is on hold."}}>
<#assign lookup = {
    "title": "Find your order",
    "intro": "Enter your order number and the email address you ordered with.",
    "orderNumber": "Order number",
    "email": "Email address",
    "submit": "Show my order",
    "failed": "We could not find an order with these details. Please check them and try again.",
    "tooMany": "Too many attempts for this order number. Please try again in 15 minutes."}>
<#assign notFound = {
    "title": "Link not valid",
    "text": "This link is not valid or has expired. You can still find your order with its number and your email address."}>
<#assign preferences = {
    "title": "Your message preferences",
    "channelsLegend": "How we may contact you",
    "typesLegend": "Which messages you get, by channel",
    "message": "Message",
    "alwaysOn": "Always on",
    "criticalNote": "Messages marked always on tell you about a problem that needs you, such as a missed delivery; they stay on.",
    "submit": "Save my preferences",
    "saved": "Your preferences are saved.",
    "smsStopped": "Text messages are stopped for your number. Reply START to one of our texts to receive them again.",
    "emailUnsubscribed": "You unsubscribed from our optional emails; only messages marked always on come by email."}>
