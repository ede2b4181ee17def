-- takes a message's tokens from its sending number's bucket: the bucket is full again that much later, counted from
-- now when it is full already (a bucket holds no more than its capacity)
UPDATE sms_sender_rate
   SET full_at_micros = GREATEST(full_at_micros, :nowMicros) + :costMicros
 WHERE sender = :sender
