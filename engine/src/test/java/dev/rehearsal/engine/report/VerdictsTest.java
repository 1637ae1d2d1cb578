package dev.rehearsal.engine.report;

import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.TestWorkflows;
import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.expect.SuiteParser;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.stats.Runs;
import dev.rehearsal.engine.stats.Verdict;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verdicts over many walks: rates, intervals, attribution, and the same bytes at any concurrency. */
class VerdictsTest {
    static final OfflinePersonaEngine OFFLINE = new OfflinePersonaEngine();
    static final Expectation NO_MSG_AFTER_OPT_OUT = new Expectation("no_message_after_opt_out", null, null, null, null, null, null);

    static Report rehearse(Workflow wf, List<Persona> people, PersonaResponder r, long seed, List<Expectation> ex,
                           Runs runs, int concurrency) {
        return Rehearsal.run(new Rehearsal.Spec(wf, people, r, SimulationOptions.defaults(seed), ex, null, null, null,
                runs, concurrency));
    }

    static List<Expectation> suiteExpectations(String example) throws Exception {
        return SuiteParser.parse(Files.readString(TestWorkflows.examples().resolve(example + ".suite.json"))).expectations();
    }

    @Test
    void theSameSeedAndWalksGiveTheSameBytesAtAnyConcurrency() throws Exception {
        Workflow wf = TestWorkflows.example("email-nurture");
        List<Expectation> ex = suiteExpectations("email-nurture");
        String one = JsonReportRenderer.render(rehearse(wf, PersonaCatalog.builtIns(), OFFLINE, 11, ex, Runs.of(25), 1));
        String four = JsonReportRenderer.render(rehearse(wf, PersonaCatalog.builtIns(), OFFLINE, 11, ex, Runs.of(25), 4));
        assertEquals(one, four);
        assertTrue(one.contains("\"report_version\" : " + Report.REPORT_VERSION), "stored reports say which version they are");
    }

    @Test
    void aCoinFlipExpectationIsReportedAsARateNotAFailure() throws Exception {
        Workflow wf = TestWorkflows.example("email-nurture");
        Expectation strict = new Expectation("reaches_step", null, "demo_invite", null, null, null, List.of("eager-eddie"));
        Expectation relaxed = new Expectation("reaches_step", null, "demo_invite", null, null, null, List.of("eager-eddie"), 0.1);
        Report r = rehearse(wf, List.of(PersonaCatalog.builtIn("eager-eddie").orElseThrow()), OFFLINE, 11,
                List.of(strict, relaxed), Runs.of(60), 2);
        ExpectationResult s = r.expectations().get(0), x = r.expectations().get(1);
        assertEquals(Verdict.FAIL, s.verdict(), "every walk must reach it, and some do not");
        assertEquals(Boolean.TRUE, s.intermittent());
        assertEquals(60, s.trials());
        assertTrue(s.passes() > 6 && s.passes() < 30, "Eddie clicks the welcome email about 28% of the time: " + s.passes());
        assertEquals(s.passes(), x.passes());
        assertEquals(Verdict.PASS, x.verdict(), x.toString());
        assertTrue(x.interval().low() >= 0.1 && x.interval().high() > x.passRate());
        assertEquals("offline", x.responder(), "the responder is recorded on every verdict");
        assertNotNull(r.failureClusters());
        assertTrue(r.failureClusters().stream().allMatch(c -> c.persona().equals("eager-eddie")));
        assertEquals(60 - s.passes(), r.failureClusters().stream().mapToInt(Report.FailureCluster::walks).sum());
        Report.PersonaResult eddie = r.personas().get(0);
        assertEquals(60, eddie.walks());
        assertEquals(60, eddie.paths().stream().mapToInt(Report.PathShare::count).sum());
        assertNotNull(eddie.worstWalk());
        assertEquals(s.failingWalks().get(0), eddie.worstWalk().walk());
    }

    @Test
    void autoStopsOnceEveryExpectationIsDecided() throws Exception {
        Workflow wf = TestWorkflows.example("sms-lead-followup");
        Report r = rehearse(wf, PersonaCatalog.builtIns(), OFFLINE, 7, suiteExpectations("sms-lead-followup"), Runs.auto(), 2);
        assertTrue(Set.of(30, 60, 120, 240, 480).contains(r.run().walks()), "walks " + r.run().walks());
        assertEquals(1 - 0.05 / 5, r.run().confidence(), 1e-9);
        assertTrue(r.expectations().stream().noneMatch(e -> e.verdict() == Verdict.UNDECIDED), r.summary());
        assertTrue(r.run().stopping().startsWith("sequential"));
    }

    @Test
    void shippedExamplesPassAtTheirDeclaredRatesForEverySeed() throws Exception {
        for (String ex : List.of("sms-lead-followup", "email-nurture", "appointment-reminder")) {
            Workflow wf = TestWorkflows.example(ex);
            List<Expectation> exps = suiteExpectations(ex);
            for (long seed = 1; seed <= 50; seed++) {
                Report r = rehearse(wf, PersonaCatalog.builtIns(), OFFLINE, seed, exps, Runs.auto(), 2);
                assertEquals(Verdict.PASS, r.verdict(), ex + " seed " + seed + ": " + r.summary());
            }
        }
    }

    @Test
    void findingsSayInHowManyWalksTheyShowed() {
        Report r = rehearse(TestWorkflows.example("broken-blast"), List.of(PersonaCatalog.builtIn("cold-carl").orElseThrow()),
                OFFLINE, 5, List.of(NO_MSG_AFTER_OPT_OUT), Runs.of(30), 2);
        Issue i = r.issues().stream().filter(x -> x.type().equals("message_after_opt_out")).findFirst().orElseThrow();
        assertEquals(30, i.ofWalks());
        assertEquals(30, i.walks());
        assertTrue(i.message().endsWith("(in 30 of 30 walks of Cold Carl)"), i.message());
        assertEquals(Verdict.FAIL, r.verdict());
    }

    /** Fails every {@code every}-th call (deterministically by the reply's draws), like a flaky provider. */
    record FlakyProvider(double failShare) implements PersonaResponder {
        @Override
        public PersonaReply respond(ReplyRequest req) {
            if (req.draws().uniform("fault") < failShare) {
                return PersonaReply.providerFailure("HTTP 500 from the provider", Usage.NONE);
            }
            return OFFLINE.respond(req);
        }

        @Override
        public String name() {
            return "flaky-test-provider";
        }
    }

    @Test
    void aProviderOutageIsInconclusiveAndNeverBlamedOnTheWorkflow() throws Exception {
        Workflow wf = TestWorkflows.example("sms-lead-followup");
        List<Expectation> ex = suiteExpectations("sms-lead-followup");
        Report healthy = rehearse(wf, PersonaCatalog.builtIns(), OFFLINE, 7, ex, Runs.of(10), 2);
        // No hunt: scripted leads would judge the workflow where the walks could not, and this test is about the walks.
        Report down = Rehearsal.run(new Rehearsal.Spec(wf, PersonaCatalog.builtIns(), new FlakyProvider(1.0),
                SimulationOptions.defaults(7), ex, null, null, null, Runs.of(10), 2, null, false));
        assertEquals(Verdict.INCONCLUSIVE, down.verdict(), down.summary());
        assertFalse(down.passed());
        Issue outage = down.issues().stream().filter(i -> i.type().equals("provider_unavailable")).findFirst().orElseThrow();
        assertTrue(outage.message().contains("70 of 70 walk(s) excluded"), outage.message());
        assertTrue(outage.message().contains("HTTP 500"), outage.message());
        assertTrue(down.expectations().stream().allMatch(e -> e.verdict() == Verdict.INCONCLUSIVE));
        var withoutOutage = down.issues().stream().filter(i -> !i.type().equals("provider_unavailable")).toList();
        assertEquals(ScoreCalculator.breakdown(withoutOutage, down.expectations(), down.coverage()).issues(),
                down.scoreBreakdown().issues(), "the outage (an error-level finding) costs the workflow no points");
        assertTrue(healthy.scoreBreakdown().issues() <= 0);
        assertTrue(down.summary().startsWith("INCONCLUSIVE"));
    }

    @Test
    void underPartialFaultsTheVerdictComesFromTheValidWalks() throws Exception {
        Workflow wf = TestWorkflows.example("sms-lead-followup");
        List<Expectation> ex = suiteExpectations("sms-lead-followup");
        Report r = rehearse(wf, PersonaCatalog.builtIns(), new FlakyProvider(0.1), 7, ex, Runs.of(80), 2);
        int excluded = r.expectations().stream().mapToInt(e -> e.excluded() == null ? 0 : e.excluded()).sum();
        assertTrue(excluded > 0, "some walks hit a fault");
        assertTrue(r.verdict() == Verdict.PASS || r.verdict() == Verdict.FAIL, r.summary());
        for (ExpectationResult e : r.expectations()) {
            assertEquals(80, e.trials() + (e.excluded() == null ? 0 : e.excluded()), e.toString());
        }
        assertTrue(r.issues().stream().anyMatch(i -> i.type().equals("provider_unavailable") && !i.failsRun()));
    }

    @Test
    void aReplyThatContradictsThePersonaIsExcludedAndListed() {
        PersonaResponder eagerCarl = new PersonaResponder() {
            @Override
            public PersonaReply respond(ReplyRequest req) {
                if (req.walk() % 2 == 1) return OFFLINE.respond(req);
                return new PersonaReply("Yes! Sign me up today.", "recorded", Sentiment.POSITIVE, Intent.READY_TO_BUY, 90,
                        Set.of(), 5, Usage.NONE, null);
            }

            @Override
            public String name() {
                return "recorded";
            }
        };
        Report r = rehearse(TestWorkflows.example("sms-lead-followup"), List.of(PersonaCatalog.builtIn("cold-carl").orElseThrow()),
                eagerCarl, 7, List.of(NO_MSG_AFTER_OPT_OUT), Runs.of(10), 1);
        Issue ooc = r.issues().stream().filter(i -> i.type().equals("out_of_character")).findFirst().orElseThrow();
        assertEquals(5, ooc.walks());
        assertTrue(ooc.message().contains("opt out of marketing") && ooc.message().contains("Sign me up"), ooc.message());
        ExpectationResult e = r.expectations().get(0);
        assertEquals(5, e.excluded());
        assertEquals(5, e.trials());
        assertEquals(Integer.valueOf(5), r.personas().get(0).causes().get("out_of_character"));
        assertFalse(ooc.failsRun());
    }

    @Test
    void junitShowsUndecidedAsAnErrorAndIntermittentInTheName() throws Exception {
        Workflow wf = TestWorkflows.example("email-nurture");
        Expectation half = new Expectation("reaches_step", null, "demo_invite", null, null, null, List.of("eager-eddie"), 0.5);
        Expectation all = new Expectation("reaches_step", null, "demo_invite", null, null, null, List.of("eager-eddie"));
        Report r = rehearse(wf, List.of(PersonaCatalog.builtIn("eager-eddie").orElseThrow()), OFFLINE, 11,
                List.of(half, all), Runs.of(20), 1);
        assertEquals(Verdict.UNDECIDED, r.expectations().get(0).verdict(), r.expectations().get(0).toString());
        String xml = JUnitXmlRenderer.render(r);
        assertTrue(xml.contains("<error type=\"undecided\""), xml);
        assertTrue(xml.contains("[intermittent: "), xml);
        assertTrue(xml.contains("<failure "), xml);
        assertTrue(Json.write(r).contains("\"walks_needed\""));
    }
}
