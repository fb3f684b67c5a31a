package com.brighthub.bulkimport.syncworker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccountThrottlesTest {

    static final long S = 1_000_000_000L;

    final AccountThrottles throttles = new AccountThrottles(Duration.ofSeconds(2), Duration.ofSeconds(10));

    @Test
    void aThrottledPracticeWaitsItsRetryAfterAndNoOtherWaits() {
        throttles.throttled("A", 0, Duration.ofSeconds(1));

        assertThat(throttles.waitNanos("A", S / 4)).isEqualTo(3 * S / 4);
        assertThat(throttles.waitNanos("A", S)).isZero();
        assertThat(throttles.waitNanos("B", S / 4)).isZero();
        assertThat(throttles.limited("B", S / 4)).isFalse();
    }

    @Test
    void aLaterShorterRetryAfterNeverShortensTheWait() {
        throttles.throttled("A", 0, Duration.ofSeconds(5));
        throttles.throttled("A", S, Duration.ofSeconds(1));

        assertThat(throttles.waitNanos("A", 2 * S)).isEqualTo(3 * S);
    }

    @Test
    void aSpellWithoutABreakLimitsThePracticeUntilItIsCalm() {
        throttles.throttled("A", 0, Duration.ofSeconds(1));
        throttles.throttled("A", S, Duration.ofSeconds(1));
        assertThat(throttles.limited("A", S)).as("a second's spell is a blip").isFalse();

        throttles.throttled("A", 2 * S, Duration.ofSeconds(1));
        assertThat(throttles.limited("A", 2 * S)).isTrue();
        assertThat(throttles.limited("A", 11 * S)).as("still within the calm time of the last 429").isTrue();
        assertThat(throttles.limited("A", 12 * S)).as("calm: the spell is over").isFalse();

        throttles.throttled("A", 13 * S, Duration.ofSeconds(1));
        assertThat(throttles.limited("A", 13 * S)).as("a new spell starts short").isFalse();
    }
}
