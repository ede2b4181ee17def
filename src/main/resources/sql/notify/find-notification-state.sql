-- An attempt's state alone: the channels read it before every hand-off, and the whole row would read its bodies too.
SELECT state FROM notification WHERE id = :id
