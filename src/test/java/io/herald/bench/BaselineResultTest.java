package io.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.bench.HeraldBenchmark.BaselineResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineResultTest {

    @Test
    void theMedianRoundCountsAndEveryRoundsRateIsKeptInTheOrderTheyRan() {
        BaselineResult paused = new BaselineResult(10_000, 0, 630, List.of(), 0.05); // a full collection in the window
        BaselineResult fast = new BaselineResult(10_000, 1_000, 1_100, List.of(), 0.02);
        BaselineResult usual = new BaselineResult(10_000, 2_000, 2_125, List.of(), 0.03);

        BaselineResult median = BaselineResult.median(List.of(paused, fast, usual));

        assertThat(median.perSecond()).isEqualTo(80_000.0);
        assertThat(median.windowSeconds()).isEqualTo(0.125);
        assertThat(median.roundRates()).containsExactly(10_000 / 0.63, 100_000.0, 80_000.0);
        assertThat(median.cpuMillisPerRecord()).as("the median round's").isEqualTo(0.03);
    }
}
