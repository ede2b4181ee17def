package io.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeraldInstancesTest {

    @Test
    void secondInstanceReplacesTheArgumentsItSetsInsteadOfRepeatingThem() {
        List<String> args = HeraldInstances.withOverrides(
                List.of("--herald.data-dir=/a", "--server.port=0", "--herald.kafka.embedded.enabled=true"),
                List.of("--herald.data-dir=/b", "--herald.kafka.embedded.enabled=false"));

        assertThat(args).containsExactly("--server.port=0", "--herald.data-dir=/b",
                "--herald.kafka.embedded.enabled=false");
    }
}
