-- an address's reports of these kinds off the suppression list: all of them when an operator lifts it
-- (docs/feedback.md, "Lifting a suppression"), the bounces when the customer is erased (a complaint stays, as a STOP
-- does). Addresses are kept in lower case
DELETE FROM email_suppression WHERE address = LOWER(:address) AND kind IN (:kinds)
