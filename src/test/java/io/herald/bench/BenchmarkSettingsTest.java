package io.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.bench.BenchmarkSettings.Database;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BenchmarkSettingsTest {

    @Test
    void defaultRunIsOneInstanceOnH2WithEveryBaseline() {
        BenchmarkSettings settings = BenchmarkSettings.from(new Properties());

        assertThat(settings.database()).isEqualTo(Database.H2);
        assertThat(settings.instances()).isEqualTo(1);
        assertThat(settings.baseline()).isTrue();
        assertThat(settings.rawBaseline()).isTrue();
        assertThat(settings.shapeBaseline()).isTrue();
        assertThat(settings.events()).isEqualTo(10_000);
        assertThat(settings.twilioLatencyMs()).as("SMS to the local outbox").isEqualTo(-1);
        assertThat(settings.profile()).as("no profile").isEmpty();
    }

    @Test
    void profileOfTheRoundGoesToTheFileNamedAndAnEmptyNameAsksForNone() {
        assertThat(BenchmarkSettings.from(properties("benchmark.profile", " round.jfr ")).profile())
                .contains(Path.of("round.jfr"));
        assertThat(BenchmarkSettings.from(properties("benchmark.profile", "")).profile())
                .as("the Maven profile passes an empty property by default").isEmpty();
    }

    @Test
    void smsGoToTwilioOnAStubThatAnswersAfterTheLatencyGiven() {
        assertThat(BenchmarkSettings.from(properties("benchmark.twilio-latency-ms", "300")).twilioLatencyMs())
                .isEqualTo(300);
        assertThatThrownBy(() -> BenchmarkSettings.from(properties("benchmark.twilio-latency-ms", "-5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("benchmark.twilio-latency-ms");
    }

    @Test
    void twoInstancesOnPostgresqlAreAccepted() {
        BenchmarkSettings settings = BenchmarkSettings.from(properties("benchmark.database", "PostgreSQL",
                "benchmark.instances", "2", "benchmark.raw-baseline", "false", "benchmark.shape-baseline", "false"));

        assertThat(settings.database()).isEqualTo(Database.POSTGRESQL);
        assertThat(settings.instances()).isEqualTo(2);
        assertThat(settings.rawBaseline()).isFalse();
        assertThat(settings.shapeBaseline()).isFalse();
    }

    @Test
    void secondInstanceOnH2IsRefusedNamingPostgresql() {
        assertThatThrownBy(() -> BenchmarkSettings.from(properties("benchmark.instances", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("benchmark.instances=2")
                .hasMessageContaining("-Dbenchmark.database=postgresql");
    }

    @Test
    void unknownDatabaseIsRefused() {
        assertThatThrownBy(() -> BenchmarkSettings.from(properties("benchmark.database", "oracle")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("h2 or postgresql");
    }

    @Test
    void noInstanceIsRefused() {
        assertThatThrownBy(() -> BenchmarkSettings.from(properties("benchmark.database", "postgresql",
                "benchmark.instances", "0"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countThatIsNotANumberIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> BenchmarkSettings.from(properties("benchmark.events", "10k")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("benchmark.events");
    }

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }
}
