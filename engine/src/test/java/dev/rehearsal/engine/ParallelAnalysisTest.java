package dev.rehearsal.engine;

import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** Message analysis runs several LLM calls at once, never more than asked, and keeps step order. */
class ParallelAnalysisTest {
    final Workflow wf = TestWorkflows.example("email-nurture");

    static MessageAnalysis analysis(String stepId) {
        return new MessageAnalysis(stepId, 10, List.of(), "friendly", 90, List.of(), Usage.NONE, null);
    }

    @Test
    void callsOverlapUpToTheLimitAndResultsKeepStepOrder() {
        int messages = Rehearsal.messages(wf).size();
        assertEquals(4, messages, "pairs of calls meet at the barrier");
        AtomicInteger inFlight = new AtomicInteger(), most = new AtomicInteger();
        CyclicBarrier twoAtOnce = new CyclicBarrier(2);
        MessageAnalyst analyst = (m, marketing) -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                twoAtOnce.await(10, TimeUnit.SECONDS);   // only passes when two calls are in flight together
                return analysis(m.stepId());
            } catch (Exception e) {
                throw new IllegalStateException("calls did not overlap", e);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        List<String> expected = Rehearsal.messages(wf).stream().map(m -> m.stepId()).toList();
        List<MessageAnalysis> got = Rehearsal.analyse(wf, analyst, 2);
        assertEquals(expected, got.stream().map(MessageAnalysis::stepId).toList());
        assertEquals(2, most.get(), "never more than 2 at once");
    }

    @Test
    void aFailedCallFailsTheAnalysisAfterTheOthersEnd() {
        AtomicInteger calls = new AtomicInteger();
        MessageAnalyst analyst = (m, marketing) -> {
            calls.incrementAndGet();
            if (m.stepId().equals(Rehearsal.messages(wf).get(1).stepId())) throw new IllegalStateException("provider down");
            return analysis(m.stepId());
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Rehearsal.analyse(wf, analyst, 4));
        assertEquals("provider down", e.getMessage());
        assertEquals(Rehearsal.messages(wf).size(), calls.get());
    }

    @Test
    void oneAtATimeIsTheSequentialAnalysis() {
        List<MessageAnalysis> seq = Rehearsal.analyse(wf, (m, mk) -> analysis(m.stepId()));
        assertEquals(seq, Rehearsal.analyse(wf, (m, mk) -> analysis(m.stepId()), 1));
        assertEquals(seq, Rehearsal.analyse(wf, (m, mk) -> analysis(m.stepId()), 8));
    }
}
