package com.brighthub.bulkimport.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the wave bench sizes its parts and reads its figures. */
class WaveBenchTest {

    @Test
    void aPercentileIsTheNearestRankOfTheSortedFigures() {
        List<Double> hundred = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            hundred.add((double) i);
        }
        assertThat(WaveBench.percentile(hundred, 50)).isEqualTo(50.0);
        assertThat(WaveBench.percentile(hundred, 99)).isEqualTo(99.0);
        assertThat(WaveBench.percentile(hundred, 100)).isEqualTo(100.0);
        // 20 small imports: p95 is the 19th, not the slowest
        assertThat(WaveBench.percentile(hundred.subList(80, 100), 95)).isEqualTo(19.0);
        assertThat(WaveBench.percentile(List.of(), 50)).isNaN();
    }

    @Test
    void scaleShrinksEverySizeAndTheWarmUpFollowsTheLargeImport() {
        WaveBench full = new WaveBench(1.0, 0);
        WaveBench tenth = new WaveBench(0.1, 0);
        assertThat(full.large).isEqualTo(500_000);
        assertThat(full.small).isEqualTo(1_000);
        assertThat(tenth.large).isEqualTo(50_000);
        assertThat(tenth.small).isEqualTo(100);
        assertThat(full.warmupSize()).isEqualTo(100_000);
        assertThat(tenth.warmupSize()).isEqualTo(50_000);
        assertThat(new WaveBench(0.001, 0).warmupSize()).isEqualTo(500);
    }
}
