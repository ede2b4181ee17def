UPDATE email_engagement SET clicks = clicks + 1, first_clicked_at = COALESCE(first_clicked_at, :at)
 WHERE notification_id = :id
