-- email unsubscribes made in the window, each counted for the type of the last email the customer was sent before
-- it (the message whose link or List-Unsubscribe they most likely used); unsubscribes without an email before them
-- are left out here (they are in the opt-out totals). The customer's emails are found through their decisions
-- (decision_customer_day, then each decision's email attempt by notification_attempt_once): the notification table
-- has no index on its customer, and would be read whole for each unsubscribe
SELECT n.type, COUNT(*) AS opt_outs
  FROM email_unsubscribe u
  JOIN notification n ON n.id = (SELECT last_sent.id FROM decision d
                                   JOIN notification last_sent ON last_sent.decision_id = d.id
                                                              AND last_sent.channel = 'email'
                                  WHERE d.customer_id = u.customer_id AND last_sent.sent_at <= u.unsubscribed_at
                                  ORDER BY last_sent.sent_at DESC, last_sent.id
                                  FETCH FIRST 1 ROWS ONLY)
 WHERE u.unsubscribed_at >= :from AND u.unsubscribed_at < :to
 GROUP BY n.type
 ORDER BY n.type
