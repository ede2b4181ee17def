UPDATE customer
   SET name = COALESCE(:name, name), email = COALESCE(:email, email), phone = COALESCE(:phone, phone),
       locale = COALESCE(:locale, locale), timezone = COALESCE(:timezone, timezone),
       channel_preference = COALESCE(:channelPreference, channel_preference), updated_at = :now
 WHERE customer_id = :customerId
