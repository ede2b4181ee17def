-- a customer's decisions that reached no one because a channel's address was on its suppression list (SUPPRESSED,
-- with the decide stage's note for it, :note), of events since :since, newest first, each the newest decision of its
-- order (of its subject, when it has no order): what an operator's lift of the suppression may still send
-- (NotificationRecovery). Read through decision_customer_day, and decision_order or decision_subject for the newer
SELECT d.id
  FROM decision d
 WHERE d.customer_id = :customerId AND d.state = 'SUPPRESSED' AND d.event_occurred_at >= :since
   AND d.reason LIKE :note
   AND NOT EXISTS (SELECT 1 FROM decision n WHERE n.order_id = d.order_id AND n.created_at > d.created_at)
   AND NOT EXISTS (SELECT 1 FROM decision n
                    WHERE d.order_id IS NULL AND n.subject_key = d.subject_key AND n.created_at > d.created_at)
 ORDER BY d.created_at DESC
