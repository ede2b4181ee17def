-- an operator lifts the suppression of the customer's current number (docs/feedback.md, "Lifting a suppression")
DELETE FROM sms_suppression
 WHERE phone = (SELECT c.phone FROM customer c WHERE c.customer_id = :customerId)
