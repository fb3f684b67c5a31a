package com.brighthub.bulkimport.syncworker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void waitsDoubleFromOneSecondUpToTheMaximumAndStayThere() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), 8, Duration.ofMinutes(2));

        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pauses.add(backoff.pause(null).toSeconds());
        }

        assertThat(pauses).containsExactly(1L, 2L, 4L, 8L, 10L, 10L);
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheWaitAndIgnoredWhenShorter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), 8, Duration.ofMinutes(2));

        assertThat(backoff.pause(Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(backoff.pause(Duration.ofMillis(100))).as("the wait has grown to 2 s").isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.pause(Duration.ofSeconds(4))).as("equal: the wait").isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.pause(Duration.ofMinutes(5))).as("BrightClient's ask is not capped").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aRecordIsSpentOnlyOnceBothItsAttemptsAndItsTimeAreUsed() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), 3, Duration.ofSeconds(120));
        long t0 = 5_000 * SECOND;

        assertThat(backoff.failedAndSpent(t0)).isFalse();
        assertThat(backoff.failedAndSpent(t0 + 200 * SECOND)).as("time spent, 2 of 3 attempts").isFalse();
        assertThat(backoff.failures()).isEqualTo(2);
        assertThat(backoff.failingFor(t0 + 200 * SECOND)).isEqualTo(Duration.ofSeconds(200));

        Backoff quick = new Backoff(Duration.ofSeconds(30), 3, Duration.ofSeconds(120));
        assertThat(quick.failedAndSpent(t0)).isFalse();
        assertThat(quick.failedAndSpent(t0 + SECOND)).isFalse();
        assertThat(quick.failedAndSpent(t0 + 2 * SECOND)).as("3 attempts, 2 s of 120").isFalse();
        assertThat(quick.failedAndSpent(t0 + 120 * SECOND)).as("both spent, counted from the first failure").isTrue();

        assertThat(backoff.failedAndSpent(t0 + 201 * SECOND)).isTrue();
    }

    @Test
    void nothingFailedMeansNothingFailingFor() {
        assertThat(new Backoff(Duration.ofSeconds(30), 3, Duration.ofSeconds(1)).failingFor(99 * SECOND))
                .isEqualTo(Duration.ZERO);
    }
}
