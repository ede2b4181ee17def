UPDATE decision
   SET reason = CASE WHEN reason IS NULL THEN :note ELSE SUBSTRING(reason || '; ' || :note FROM 1 FOR 500) END,
       updated_at = :now
 WHERE id = :id
