package dev.rehearsal.engine.fidelity;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fast subset of {@link FidelityBenchmark} that runs in {@code mvn verify}: fewer seeds, the same
 * thresholds. The full run (100 seeds) regenerates docs/FIDELITY.md.
 */
class FidelityBenchmarkTest {

    @Test
    void everyPersonaFitsTheHeldOutCorpus() {
        for (var f : FidelityBenchmark.fit(Corpus.heldOut(), 10).values()) {
            assertTrue(f.replies() > 0, f.persona() + " never replied");
            assertTrue(f.rate() >= FidelityBenchmark.FIT_THRESHOLD,
                    f.persona() + " fits " + f.rate() + " of held-out replies; misfits " + f.misfitsByRule() + " e.g. " + f.examples());
        }
    }

    @Test
    void corpusCoversEveryActAndSixVerticals() {
        var all = FidelityBenchmark.concat(Corpus.heldOut().items(), Corpus.tuning().items());
        assertTrue(all.size() >= 150, "corpus size " + all.size());
        assertTrue(all.stream().map(Corpus.Item::vertical).distinct().count() >= 6);
        assertTrue(all.stream().map(Corpus.Item::act).distinct().count() == dev.rehearsal.engine.reading.Act.values().length);
        assertTrue(Corpus.heldOut().items().size() * 3 >= all.size() - 3, "the held-out part is a third");
    }

    @Test
    void everyPersonaHasManyDistinctReplies() {
        Map<String, Integer> distinct = FidelityBenchmark.distinct(Corpus.heldOut(), 40);
        distinct.forEach((id, n) -> assertTrue(n >= FidelityBenchmark.distinctThreshold(id), id + ": " + n + " distinct replies"));
    }

    @Test
    void theBuiltInPanelIsNoMoreCooperativeThanPeople() {
        for (var b : FidelityBenchmark.bounds(FidelityBenchmark.panelCooperation(6))) {
            assertTrue(b.holds(), b.measure() + ": panel " + b.observed() + (b.ceiling() ? " above " : " below ") + b.published());
        }
    }

    @Test
    void aWorseWorkflowDoesWorse() throws Exception {
        for (var s : FidelityBenchmark.sensitivity(30)) {
            assertTrue(s.holds(), s.example() + " / " + s.variant() + ": " + s.base() + " -> " + s.worse());
        }
    }

    @Test
    void traitsAndKnobsHold() {
        for (var row : FidelityBenchmark.traits(60)) {
            assertTrue(row.holds(), row.persona() + " " + row.knob() + ": declared " + row.declared() + ", observed " + row.observed());
        }
    }
}
