-- the customers' own opt-outs made in the window, by channel and type ('all' for a whole channel): a type or channel
-- switched off on the preference page or through the preferences API (and off still); an SMS STOP, counted for the
-- type of the last SMS sent to that number before it; an email unsubscribe, for the type of the last email sent to
-- that customer before it (the message whose link they most likely used). A STOP or unsubscribe with no message
-- before it counts for 'all'. Each lookup of the last message goes through an index: an SMS by its recipient
-- (notification_recipient), an email through the customer's decisions (decision_customer_day) and their email
-- attempts (notification_attempt_once), as the notification table has no index on its customer.
SELECT channel, type, COUNT(*) AS opt_outs
  FROM (SELECT p.channel AS channel, CASE WHEN p.type = '*' THEN 'all' ELSE p.type END AS type
          FROM preference p
         WHERE p.origin = 'CUSTOMER' AND p.enabled = FALSE AND p.changed_at >= :from AND p.changed_at < :to
        UNION ALL
        SELECT 'sms' AS channel, COALESCE(n.type, 'all') AS type
          FROM sms_opt_out s
          LEFT JOIN notification n ON n.id = (SELECT last_sent.id FROM notification last_sent
                                               WHERE last_sent.recipient = s.phone AND last_sent.channel = 'sms'
                                                 AND last_sent.sent_at <= s.opted_out_at
                                               ORDER BY last_sent.sent_at DESC, last_sent.id
                                               FETCH FIRST 1 ROWS ONLY)
         WHERE s.opted_out_at >= :from AND s.opted_out_at < :to
        UNION ALL
        SELECT 'email' AS channel, COALESCE(n.type, 'all') AS type
          FROM email_unsubscribe u
          LEFT JOIN notification n ON n.id = (SELECT last_sent.id FROM decision d
                                                JOIN notification last_sent ON last_sent.decision_id = d.id
                                                                           AND last_sent.channel = 'email'
                                               WHERE d.customer_id = u.customer_id
                                                 AND last_sent.sent_at <= u.unsubscribed_at
                                               ORDER BY last_sent.sent_at DESC, last_sent.id
                                               FETCH FIRST 1 ROWS ONLY)
         WHERE u.unsubscribed_at >= :from AND u.unsubscribed_at < :to) opt_outs
 GROUP BY channel, type
 ORDER BY channel, type
