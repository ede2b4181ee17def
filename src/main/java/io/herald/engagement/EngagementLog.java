package io.herald.engagement;

import io.herald.support.SqlFiles;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Opens and clicks of email attempts ({@code email_engagement}, db/&lt;vendor&gt;/V11__email_engagement.sql): when
 * first, and how many; and what the email links need to know of an attempt or a customer. Each record first updates,
 * then inserts where no row exists; two instances inserting the same first row make one fail on the primary key, and
 * it then updates.
 */
@Component
public class EngagementLog {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlFiles sql;
    private final Clock clock;

    public EngagementLog(NamedParameterJdbcTemplate jdbc, SqlFiles sql, Clock clock) {
        this.jdbc = jdbc;
        this.sql = sql;
        this.clock = clock;
    }

    /** The customer an attempt went to, when the attempt exists and names one. */
    public Optional<String> customerOf(String attemptId) {
        return jdbc.queryForList(sql.get("engagement/find-attempt-customer"),
                new MapSqlParameterSource("id", attemptId), String.class).stream().filter(id -> id != null).findFirst();
    }

    /** The customer's locale as the sources gave it, when Herald knows one. */
    Optional<String> localeOf(String customerId) {
        return jdbc.queryForList(sql.get("engagement/find-customer-locale"),
                new MapSqlParameterSource("customerId", customerId), String.class).stream()
                .filter(locale -> locale != null && !locale.isBlank()).findFirst();
    }

    /** Records an open of an email attempt; nothing for an attempt that is not (or no longer) in the log. */
    void recordOpen(String attemptId) {
        record("open", attemptId);
    }

    /** Records a click in an email attempt; nothing for an attempt that is not (or no longer) in the log. */
    void recordClick(String attemptId) {
        record("click", attemptId);
    }

    private void record(String what, String attemptId) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("id", attemptId)
                .addValue("at", OffsetDateTime.now(clock));
        if (jdbc.update(sql.get("engagement/update-email-" + what), params) > 0) {
            return;
        }
        try {
            jdbc.update(sql.get("engagement/insert-email-" + what), params);
        } catch (DuplicateKeyException raced) {
            jdbc.update(sql.get("engagement/update-email-" + what), params);
        }
    }
}
