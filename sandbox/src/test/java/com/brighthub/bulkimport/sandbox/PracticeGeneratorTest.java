package com.brighthub.bulkimport.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.rules.ClientRules;
import com.brighthub.bulkimport.sandbox.generate.PracticeGenerator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PracticeGeneratorTest {

    @Test
    void theSameSeedGivesTheSamePractice() {
        PracticeGenerator a = new PracticeGenerator(7);
        PracticeGenerator b = new PracticeGenerator(7);

        for (int i = 0; i < 200; i++) {
            assertThat(a.next("BM-" + i)).isEqualTo(b.next("BM-" + i));
        }
        PracticeGenerator c = new PracticeGenerator(7);
        PracticeGenerator other = new PracticeGenerator(8);
        long same = java.util.stream.IntStream.range(0, 200)
                .filter(i -> c.next("BM-" + i).equals(other.next("BM-" + i))).count();
        assertThat(same).as("another seed, another practice").isLessThan(10);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 10.0})
    void injectedDefectsAreExactlyWhatTheRulesFind(double defectScale) {
        PracticeGenerator generator = new PracticeGenerator(42, defectScale);
        Map<ReasonCode, Integer> seen = new EnumMap<>(ReasonCode.class);

        for (int i = 0; i < 5_000; i++) {
            PracticeGenerator.Generated g = generator.next("BM-" + i);
            List<ReasonCode> found = ClientRules.evaluate(g.client()).reasons().stream().map(Reason::code).toList();
            List<ReasonCode> injectedBeforeBrightClient = g.expected().stream()
                    .filter(c -> c != ReasonCode.BRIGHTCLIENT_REJECTED).toList();
            assertThat(found).as("client %s", g.client().id())
                    .containsExactlyInAnyOrderElementsOf(injectedBeforeBrightClient);
            g.expected().forEach(c -> seen.merge(c, 1, Integer::sum));
        }

        assertThat(seen).as("a realistic share of every defect").allSatisfy((code, n) -> assertThat(n).isGreaterThan(10));
        // every defect a client file can carry; BrightClient's outages and unreadable files are the pipeline's, not data
        assertThat(seen).containsOnlyKeys(java.util.EnumSet.complementOf(java.util.EnumSet.of(
                ReasonCode.BRIGHTCLIENT_UNAVAILABLE, ReasonCode.RECORD_UNREADABLE)));
    }

    @Test
    void aHigherDefectScaleBreaksMoreClients() {
        PracticeGenerator everyday = new PracticeGenerator(9, 1.0);
        PracticeGenerator neglected = new PracticeGenerator(9, 10.0);
        int everydayBroken = 0;
        int neglectedBroken = 0;
        for (int i = 0; i < 2_000; i++) {
            everydayBroken += everyday.next("BM-" + i).expected().stream().anyMatch(c -> !c.isExclusion()) ? 1 : 0;
            neglectedBroken += neglected.next("BM-" + i).expected().stream().anyMatch(c -> !c.isExclusion()) ? 1 : 0;
        }
        assertThat(neglectedBroken).isGreaterThan(everydayBroken * 3);
    }
}
