package com.brighthub.bulkimport.devtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the bench decides that the floor or the warm-up has settled. */
class BenchCliTest {

    static BenchCli.Round figures(Double... figures) {
        Iterator<Double> next = List.of(figures).iterator();
        return next::next;
    }

    @Test
    void runsUntilTwoFiguresInARowAgreeWithinTenPercent() throws Exception {
        assertThat(BenchCli.untilSettled(figures(2.5, 2.0, 1.6, 1.55, 1.0))).containsExactly(2.5, 2.0, 1.6, 1.55);
    }

    @Test
    void stopsAfterFiveRunsWhenTheFiguresNeverSettle() throws Exception {
        assertThat(BenchCli.untilSettled(figures(1.0, 2.0, 1.0, 2.0, 1.0, 2.0))).hasSize(BenchCli.MAX_WARMUP_ROUNDS);
    }

    @Test
    void aFigureTenPercentAwaySettlesAndOneFurtherDoesNot() throws Exception {
        assertThat(BenchCli.untilSettled(figures(100.0, 110.0, 0.0))).containsExactly(100.0, 110.0);
        assertThat(BenchCli.untilSettled(figures(100.0, 111.0, 111.0))).containsExactly(100.0, 111.0, 111.0);
    }
}
