package dev.rehearsal.engine;

import dev.rehearsal.engine.stats.Runs;
import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * With an LLM, message analyses have slack and the walks do not: the analyses start once the first walks' first
 * replies are back, so they never take the cores the walks' first requests are built on; and they always start,
 * whether the walks ask for no reply at all or fail.
 */
class AnalysesAfterFirstRepliesTest {
    static final SimulationOptions OPTIONS = SimulationOptions.defaults(7);

    /** The offline engine, slowed like a provider, counting the replies it has returned. */
    static final class SlowResponder implements PersonaResponder {
        final OfflinePersonaEngine inner = new OfflinePersonaEngine();
        final AtomicInteger returned = new AtomicInteger();

        @Override
        public PersonaReply respond(ReplyRequest request) {
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            PersonaReply r = inner.respond(request);
            returned.incrementAndGet();
            return r;
        }

        @Override
        public String name() {
            return "slow-offline";
        }
    }

    static Rehearsal.Spec spec(Workflow wf, PersonaResponder responder, MessageAnalyst analyst) {
        return new Rehearsal.Spec(wf, PersonaCatalog.builtIns(), responder, OPTIONS, List.of(), analyst, null, null,
                Runs.of(1), 4);
    }

    @Test
    void analysesWaitForTheFirstRepliesOfTheWalks() {
        Workflow wf = TestWorkflows.example("email-nurture");
        SlowResponder responder = new SlowResponder();
        List<Integer> repliesBackAtEachAnalysis = new CopyOnWriteArrayList<>();
        MessageAnalyst analyst = (m, marketing) -> {
            repliesBackAtEachAnalysis.add(responder.returned.get());
            return ParallelAnalysisTest.analysis(m.stepId());
        };
        Report report = Rehearsal.run(spec(wf, responder, analyst));
        assertEquals(Rehearsal.messages(wf).size(), repliesBackAtEachAnalysis.size(), "every message analysed");
        assertEquals(Rehearsal.messages(wf).size(), report.messageAnalyses().size());
        // Four walks start together (concurrency 4); the gate opens after four of them asked and got a reply or ended,
        // and a walk of this workflow asks before it ends, so at least two replies are back (one per walk, at worst
        // two events per walk).
        int first = repliesBackAtEachAnalysis.stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertTrue(first >= 2, "an analysis started with only " + first + " replies back");
    }

    @Test
    void walksThatNeverAskForAReplyDoNotHoldTheAnalysesBack() {
        Workflow wf = TestWorkflows.parse("""
                {"id":"note","name":"One note","start":"s","steps":[
                 {"id":"s","type":"send_sms","config":{"body":"Hi, your order shipped today. Reply STOP to opt out."},"next":"e"},
                 {"id":"e","type":"end"}]}
                """);
        AtomicInteger analysed = new AtomicInteger();
        MessageAnalyst analyst = (m, marketing) -> {
            analysed.incrementAndGet();
            return ParallelAnalysisTest.analysis(m.stepId());
        };
        Report report = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> Rehearsal.run(spec(wf, new SlowResponder(), analyst)));
        assertEquals(1, analysed.get());
        assertEquals(1, report.messageAnalyses().size());
    }

    @Test
    void walksThatFailStillLetTheAnalysesRun() throws InterruptedException {
        Workflow wf = TestWorkflows.example("email-nurture");
        PersonaResponder down = new PersonaResponder() {
            @Override
            public PersonaReply respond(ReplyRequest request) {
                throw new IllegalStateException("responder down");
            }

            @Override
            public String name() {
                return "down";
            }
        };
        CountDownLatch analysed = new CountDownLatch(1);
        MessageAnalyst analyst = (m, marketing) -> {
            analysed.countDown();
            return ParallelAnalysisTest.analysis(m.stepId());
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Rehearsal.run(spec(wf, down, analyst)));
        assertEquals("responder down", e.getMessage());
        assertTrue(analysed.await(30, TimeUnit.SECONDS), "the analysis thread was left waiting for replies that never came");
    }
}
