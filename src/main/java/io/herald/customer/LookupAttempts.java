package io.herald.customer;

import io.herald.support.SqlFiles;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The lookup form's brake on guessing: an order number that failed {@link #MAX_FAILURES} lookups within
 * {@link #WINDOW} takes no more lookups, right or wrong, until the oldest of them is a window old. Guessing the email
 * of a known order number then takes years. The failures are rows of {@code lookup_failure}, so every instance behind
 * a load balancer counts them together, and a restart forgets none; the retention purge deletes them after a day.
 */
@Component
class LookupAttempts {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** The column's length: no order number is longer, so a longer one is counted by its beginning. */
    private static final int KEY_LENGTH = 100;

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final Clock clock;

    LookupAttempts(NamedParameterJdbcTemplate jdbc, SqlFiles sql, Clock clock) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.clock = clock;
    }

    /** Whether a lookup of this order number may be tried now. */
    boolean allowed(String orderNumber) {
        Integer failures = jdbc.queryForObject(sql.get("customer/count-lookup-failures"), key(orderNumber)
                .addValue("since", clock.instant().minus(WINDOW).atOffset(ZoneOffset.UTC)), Integer.class);
        return failures == null || failures < MAX_FAILURES;
    }

    /** Counts a failed lookup of this order number. */
    void failed(String orderNumber) {
        jdbc.update(sql.get("customer/insert-lookup-failure"), key(orderNumber)
                .addValue("failedAt", clock.instant().atOffset(ZoneOffset.UTC)));
    }

    private static MapSqlParameterSource key(String orderNumber) {
        String key = orderNumber.strip().toLowerCase(Locale.ROOT);
        return new MapSqlParameterSource("orderKey", key.length() > KEY_LENGTH ? key.substring(0, KEY_LENGTH) : key);
    }
}
