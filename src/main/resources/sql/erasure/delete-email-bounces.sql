-- the bounces of the customer's address (email_suppression, V10): a fact about a mailbox, erased with the customer. A
-- complaint stays, as a STOP does: the person said no more mail to that address
DELETE FROM email_suppression WHERE :email IS NOT NULL AND address = LOWER(:email) AND kind = 'BOUNCE'
