package io.herald.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which databases only this process can use: an H2 file that H2 locks to it. */
class SoleDatabaseTest {

    private static final Instant STARTED = Instant.parse("2026-11-02T10:00:00Z");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:file:./data/db/herald;AUTO_SERVER=FALSE;WRITE_DELAY=0 | true",
            "jdbc:h2:/var/lib/herald/db/herald | true",
            "jdbc:h2:~/herald | true",
            "jdbc:h2:file:./data/db/herald;AUTO_SERVER=TRUE | false",
            "jdbc:h2:file:./data/db/herald;FILE_LOCK=NO | false",
            "jdbc:h2:mem:herald-it;DB_CLOSE_DELAY=-1 | false",
            "jdbc:h2:tcp://db.example.com/herald | false",
            "jdbc:h2:ssl://db.example.com/herald | false",
            "jdbc:postgresql://postgres:5432/herald | false",
            "'' | false"})
    void onlyAnH2FileLockedToThisProcessIsItsAlone(String url, boolean sole) {
        SoleDatabase database = new SoleDatabase(url, Clock.fixed(STARTED, ZoneOffset.UTC));

        assertThat(database.leftByAnEarlierRun(STARTED.minusMillis(1))).isEqualTo(sole);
        assertThat(database.leftByAnEarlierRun(STARTED)).as("this run's own").isFalse();
    }
}
