-- a sending number's first message: its bucket was full, and is full again once the message's tokens are back
INSERT INTO sms_sender_rate (sender, full_at_micros) VALUES (:sender, :fullAtMicros)
