package dev.rehearsal.engine.report;

import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.TestWorkflows;
import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RehearsalReportTest {
    static final Expectation NO_MSG_AFTER_OPT_OUT = new Expectation("no_message_after_opt_out", null, null, null, null, null, null);

    static Report rehearse(Workflow wf, long seed, List<Expectation> expectations) {
        return Rehearsal.run(new Rehearsal.Spec(wf, PersonaCatalog.builtIns(), new OfflinePersonaEngine(),
                SimulationOptions.defaults(seed), expectations, null, null, null));
    }

    @Test
    void sameSeedGivesTheSameJsonReportByteForByte() {
        Workflow wf = TestWorkflows.example("sms-lead-followup");
        String a = JsonReportRenderer.render(rehearse(wf, 7, List.of(NO_MSG_AFTER_OPT_OUT)));
        String b = JsonReportRenderer.render(rehearse(TestWorkflows.example("sms-lead-followup"), 7, List.of(NO_MSG_AFTER_OPT_OUT)));
        assertEquals(a, b);
        String c = JsonReportRenderer.render(rehearse(wf, 8, List.of(NO_MSG_AFTER_OPT_OUT)));
        assertNotEquals(a, c, "a different seed changes at least one reply");
    }

    @Test
    void textingAfterStopIsACriticalFindingForColdCarl() {
        Report r = rehearse(TestWorkflows.example("broken-blast"), 5, List.of(NO_MSG_AFTER_OPT_OUT));
        // Carl always opts out; other personas may too when this blast provokes them (docs/PERSONAS.md).
        Issue critical = r.issues().stream().filter(i -> i.type().equals("message_after_opt_out")
                && "cold-carl".equals(i.persona())).findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, critical.severity());
        assertEquals("cold-carl", critical.persona());
        assertEquals("followup", critical.stepId());
        assertEquals("/steps/5", critical.pointer());
        assertFalse(r.passed());
        assertTrue(r.score() <= 40, "a critical finding caps the score: " + r.score());
        ExpectationResult carl = r.expectations().stream().filter(e -> e.persona().equals("cold-carl")).findFirst().orElseThrow();
        assertFalse(carl.passed());
        assertTrue(carl.evidence().contains("followup"), carl.evidence());
        assertTrue(r.recommendations().get(0).contains("opt-out") || r.recommendations().get(0).contains("opted_out"));
    }

    @Test
    void theExampleThatHandlesStopPasses() {
        Report r = rehearse(TestWorkflows.example("sms-lead-followup"), 7, List.of(NO_MSG_AFTER_OPT_OUT));
        assertTrue(r.expectations().stream().allMatch(ExpectationResult::passed));
        assertTrue(r.issues().stream().noneMatch(i -> i.type().equals("message_after_opt_out")));
        Report.PersonaResult carl = r.personas().stream().filter(p -> p.id().equals("cold-carl")).findFirst().orElseThrow();
        assertEquals(List.of("sms"), carl.optedOut());
        assertTrue(carl.path().contains("end_opted_out"), carl.path().toString());
        assertEquals(7, r.personas().size());
    }

    @Test
    void coverageListsTransitionsNoPersonaTook() {
        Report r = rehearse(TestWorkflows.example("broken-blast"), 5, List.of());
        assertTrue(r.coverage().uncovered().contains("old_coupon -[next]-> done"), r.coverage().uncovered().toString());
        assertTrue(r.coverage().unvisitedSteps().contains("old_coupon"));
        assertTrue(r.coverage().percent() < 100);
        assertEquals(r.coverage().transitions(), r.workflow().transitions());
    }

    @Test
    void scoreFollowsTheDocumentedFormula() {
        var cov = new Report.Coverage(10, 5, 50, List.of(), 5, 5, List.of());
        var issues = List.of(
                Issue.of(Severity.ERROR, "dead_end", "a", "", "m", null),
                Issue.of(Severity.WARNING, "w1", "a", "", "m", null),
                Issue.of(Severity.WARNING, "w1", "a", "", "same rule and step counts once", null));
        var results = List.of(new ExpectationResult("e", "t", "p", false, "", null));
        var b = ScoreCalculator.breakdown(issues, results, cov);
        assertEquals(-20, b.issues());
        assertEquals(-5, b.expectations());
        assertEquals(-5, b.coverage());
        assertEquals(70, ScoreCalculator.score(b));
    }

    @Test
    void junitXmlIsWellFormedWithATestcasePerPersonaAndExpectationAndPerErrorFinding() throws Exception {
        Report r = rehearse(TestWorkflows.example("broken-blast"), 5, List.of(NO_MSG_AFTER_OPT_OUT));
        String xml = JUnitXmlRenderer.render(r);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        int testcases = doc.getElementsByTagName("testcase").getLength();
        long severe = r.issues().stream().filter(i -> i.severity().failsRun()).count();
        // and one per transition, with its status
        assertEquals(7 + severe + 1 + r.coverage().transitions(), testcases);
        assertEquals(String.valueOf(r.coverage().count(TransitionStatus.Status.UNREACHABLE) + r.coverage().count(TransitionStatus.Status.UNKNOWN)),
                ((org.w3c.dom.Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("skipped"));
        long failures = r.expectations().stream().filter(e -> !e.passed()).count() + severe;
        assertEquals(String.valueOf(failures), doc.getDocumentElement().getAttribute("failures"));
    }

    @Test
    void markdownShowsEveryPersonaAndTheTranscript() {
        Report r = rehearse(TestWorkflows.example("sms-lead-followup"), 7, List.of());
        String md = MarkdownReportRenderer.render(r, true);
        for (var p : PersonaCatalog.builtIns()) assertTrue(md.contains("### " + p.name()), p.name());
        assertTrue(md.matches("(?s).*Cold Carl replied \\d+m later \\(opt_out.*"), "transcript shows Carl's STOP and when it came");
    }
}
