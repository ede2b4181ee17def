-- inbound messages per keyword, and Herald's replies, in a window [from, to)
SELECT direction, COALESCE(keyword, '') AS keyword, COUNT(*) AS messages
  FROM sms_message
 WHERE created_at >= :from AND created_at < :to
 GROUP BY direction, keyword
