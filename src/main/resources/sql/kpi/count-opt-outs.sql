-- SMS STOPs and email unsubscribes made in the window (kept after a later opt-in)
SELECT (SELECT COUNT(*) FROM sms_opt_out WHERE opted_out_at >= :from AND opted_out_at < :to) AS sms,
       (SELECT COUNT(*) FROM email_unsubscribe WHERE unsubscribed_at >= :from AND unsubscribed_at < :to) AS email
