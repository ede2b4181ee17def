-- an operator lifts the suppression of the customer's current address (docs/feedback.md, "Lifting a suppression")
DELETE FROM email_suppression
 WHERE address = (SELECT LOWER(c.email) FROM customer c WHERE c.customer_id = :customerId)
