-- a number off the SMS suppression list: it texted Herald (it exists, and texts), an operator lifted it
-- (docs/feedback.md, "Lifting a suppression"), or its customer was erased
DELETE FROM sms_suppression WHERE phone = :phone
