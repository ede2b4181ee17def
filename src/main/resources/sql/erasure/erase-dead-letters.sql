UPDATE dead_letter SET payload = NULL WHERE payload LIKE :pattern ESCAPE '\'
