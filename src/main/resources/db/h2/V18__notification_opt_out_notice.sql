-- Whether an SMS attempt carries the opt-out notice ("Reply STOP to opt out."), which the first SMS to a number does
-- (docs/sms.md, "Consent"). A number has had its notice once an attempt that carries it is on its way or sent; one
-- the provider refused or did not deliver, or one never sent as its news went out of date (SUPERSEDED), leaves the
-- notice to the number's next SMS. Before V18 any SMS to the number counted: the SMS already in the log count as
-- carrying it, so that no number gets the notice a second time because of this migration.
ALTER TABLE notification ADD COLUMN opt_out_notice BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE notification SET opt_out_notice = TRUE WHERE channel = 'sms';
