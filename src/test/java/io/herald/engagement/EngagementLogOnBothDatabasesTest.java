package io.herald.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.MovableClock;
import io.herald.db.BothDatabases;
import io.herald.db.BothDatabases.Database;
import io.herald.support.SqlFiles;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Opens and clicks recorded with the SQL of sql/engagement/, on PostgreSQL and H2. */
class EngagementLogOnBothDatabasesTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @RegisterExtension
    static final BothDatabases.Migrated DATABASES = BothDatabases.migrated();

    static Stream<Database> databases() {
        return DATABASES.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void opensAndClicksKeepTheFirstTimeAndCountEveryOne(Database database) {
        MovableClock clock = new MovableClock(T0);
        EngagementLog log = new EngagementLog(database.jdbc(), new SqlFiles(), clock);
        insertAttempt(database, "a-1", "email", "C-1");

        log.recordOpen("a-1");
        clock.advance(Duration.ofMinutes(5));
        log.recordClick("a-1");
        log.recordOpen("a-1");
        clock.advance(Duration.ofMinutes(5));
        log.recordClick("a-1");

        Map<String, Object> row = database.jdbc().getJdbcTemplate().queryForMap(
                "SELECT first_opened_at, opens, first_clicked_at, clicks FROM email_engagement "
                        + "WHERE notification_id = 'a-1'");
        assertThat(number(row, "opens")).isEqualTo(2);
        assertThat(number(row, "clicks")).isEqualTo(2);
        assertThat(instant(row, "first_opened_at")).isEqualTo(T0);
        assertThat(instant(row, "first_clicked_at")).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nothingIsRecordedForAnAttemptThatIsNotAnEmailInTheLog(Database database) {
        EngagementLog log = new EngagementLog(database.jdbc(), new SqlFiles(), new MovableClock(T0));
        insertAttempt(database, "s-1", "sms", "C-2");

        log.recordOpen("no-such-attempt");
        log.recordClick("s-1");

        assertThat(database.jdbc().getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM email_engagement "
                + "WHERE notification_id IN ('no-such-attempt', 's-1')", Integer.class)).isZero();
        assertThat(log.customerOf("s-1")).contains("C-2");
        assertThat(log.customerOf("no-such-attempt")).isEmpty();
    }

    private static void insertAttempt(Database database, String id, String channel, String customerId) {
        OffsetDateTime at = T0.atOffset(ZoneOffset.UTC);
        database.jdbc().getJdbcTemplate().update("INSERT INTO notification (id, subject_key, type, channel, "
                        + "customer_id, locale, recipient, body_text, state, created_at, updated_at, sent_at) "
                        + "VALUES (?, 'order:o', 'shipped', ?, ?, 'en', 'someone', 'text', 'SENT', ?, ?, ?)",
                id, channel, customerId, at, at, at);
    }

    /** Spring's row maps ignore the case of the column names (H2 capitals, PostgreSQL lower case). */
    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static Instant instant(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value instanceof OffsetDateTime at ? at.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }
}
