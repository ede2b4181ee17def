UPDATE customer
   SET name = COALESCE(:name, name), email = COALESCE(:email, email), phone = COALESCE(:phone, phone),
       locale = COALESCE(:locale, locale), timezone = COALESCE(:timezone, timezone), updated_at = :now
 WHERE customer_id = :customerId
