-- when the sending number's bucket is full again, read in the transaction that just took from it
SELECT full_at_micros FROM sms_sender_rate WHERE sender = :sender
