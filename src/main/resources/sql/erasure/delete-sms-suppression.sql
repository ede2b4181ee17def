-- the customer's number on the SMS suppression list (V26): Twilio's refusals of it, which hold the number
DELETE FROM sms_suppression WHERE :phone IS NOT NULL AND phone = :phone
