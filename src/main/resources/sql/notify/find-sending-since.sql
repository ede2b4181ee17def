-- When the hand-off of an attempt found SENDING began (its claim, or its last renewal): a request it made to the
-- provider went out after this.
SELECT updated_at FROM notification WHERE id = :id AND state = 'SENDING'
