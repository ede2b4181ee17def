-- an SMS from the number: it exists and texts, so Twilio's refusals of it no longer hold
DELETE FROM sms_suppression WHERE phone = :phone
