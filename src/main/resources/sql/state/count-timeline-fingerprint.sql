SELECT COUNT(*) FROM timeline WHERE fingerprint = :fingerprint
