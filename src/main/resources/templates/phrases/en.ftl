<#-- The words the en templates of every channel share. -->
<#assign hello = "Hello">
<#assign later = "later">
<#assign earlier = "earlier">
<#assign labels = {
    "tracking": "Tracking number",
    "eta": "Expected delivery",
    "location": "Latest location",
    "status": "Latest status",
    "track": "Track your parcel",
    "total": "Total",
    "items": "Your order",
    "contact": "Questions? Contact us:"}>
<#-- why a delivery failed or is late, short enough for an SMS: every ExceptionReason -->
<#assign reasons = {
    "WEATHER": "bad weather",
    "ADDRESS": "a problem with the address",
    "DAMAGED": "the parcel was damaged",
    "LOST": "the carrier is searching for the parcel",
    "CUSTOMS": "customs clearance",
    "DELAYED": "a delay in the carrier's network",
    "REFUSED": "the delivery was refused",
    "RECIPIENT_UNAVAILABLE": "nobody was available to receive it",
    "OTHER": "a problem reported by the carrier"}>
<#-- what a delay means for the customer, by reason, for email -->
<#assign delays = {
    "WEATHER": "Bad weather is slowing down deliveries in the area. Nothing needs to be done on your side.",
    "ADDRESS": "The carrier could not match the delivery address. Please check your address and contact us if it needs correcting.",
    "DAMAGED": "The parcel was damaged on its way. We are looking into it with the carrier and will make sure you get your order.",
    "LOST": "The carrier cannot locate the parcel at the moment and is searching for it. We will keep you posted.",
    "CUSTOMS": "The parcel is going through customs. Customs may contact you if duties or documents are needed.",
    "DELAYED": "The parcel is running late in the carrier's network.",
    "REFUSED": "The delivery was refused. If this was not you, please contact us.",
    "RECIPIENT_UNAVAILABLE": "Nobody was available to receive the parcel. The carrier will try again or tell you where to collect it.",
    "OTHER": "The carrier reported a problem with the delivery. We are keeping an eye on it."}>
<#-- the links of the customer's pages that every message carries (docs/pages.md) -->
<#assign pageLinks = {
    "order": "Follow your order online",
    "preferences": "Choose which messages you receive"}>
