package io.herald.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final QuietHours overnight = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of("sms"),
            QuietHours.Critical.DEFER, NEW_YORK);

    @Test
    void overnightHoursAreQuietOnEitherSideOfMidnightInTheRecipientsZone() {
        assertThat(overnight.quiet("sms", Instant.parse("2026-06-02T01:30:00Z"), NEW_YORK)).as("21:30 EDT").isTrue();
        assertThat(overnight.quiet("sms", Instant.parse("2026-06-02T07:00:00Z"), NEW_YORK)).as("03:00 EDT").isTrue();
        assertThat(overnight.quiet("sms", Instant.parse("2026-06-02T12:00:00Z"), NEW_YORK)).as("08:00 EDT").isFalse();
        assertThat(overnight.quiet("sms", Instant.parse("2026-06-02T00:59:00Z"), NEW_YORK)).as("20:59 EDT").isFalse();
        assertThat(overnight.quiet("email", Instant.parse("2026-06-02T07:00:00Z"), NEW_YORK)).isFalse();
        assertThat(overnight.quiet("sms", Instant.parse("2026-06-02T07:00:00Z"), ZoneId.of("Europe/Berlin")))
                .as("09:00 in Berlin").isFalse();
    }

    @Test
    void theyEndAtTheNextLocalMorningAcrossADaylightSavingChange() {
        // 2026-03-08: New York moves to EDT at 02:00
        assertThat(overnight.endAfter(Instant.parse("2026-03-08T03:00:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
        assertThat(overnight.endAfter(Instant.parse("2026-03-08T13:00:00Z"), NEW_YORK))
                .isEqualTo(Instant.parse("2026-03-09T12:00:00Z"));
    }

    @Test
    void daytimeHoursAndNoChannelsWork() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), Set.of("sms", "email"),
                QuietHours.Critical.DEFER, NEW_YORK);
        QuietHours off = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), Set.of(),
                QuietHours.Critical.DEFER, NEW_YORK);

        assertThat(lunch.quiet("email", Instant.parse("2026-06-02T16:30:00Z"), NEW_YORK)).isTrue();
        assertThat(lunch.quiet("email", Instant.parse("2026-06-02T17:00:00Z"), NEW_YORK)).isFalse();
        assertThat(off.quiet("sms", Instant.parse("2026-06-02T07:00:00Z"), NEW_YORK)).isFalse();
    }
}
