package dev.rehearsal.engine;

import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.Recommender;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Code turns the analyst's numbers into findings by the documented bands; the recommender gets what it needs. */
class LlmJobsInTheReportTest {
    static final Workflow WF = TestWorkflows.example("sms-lead-followup");

    static MessageAnalysis analysis(int spam, String tone) {
        return new MessageAnalysis("intro_sms", spam, List.of("reason"), tone, 80, List.of("fix"), new Usage(100, 20, 0, 0, 1), null);
    }

    static Issue only(List<Issue> issues, String type) {
        List<Issue> of = issues.stream().filter(i -> i.type().equals(type)).toList();
        assertEquals(1, of.size(), issues.toString());
        return of.get(0);
    }

    @Test
    void spamRiskBandsAreTheRuleBasedScorersThresholds() {
        assertTrue(Rehearsal.issuesFrom(WF, List.of(analysis(39, "friendly"))).isEmpty());
        assertEquals(Severity.WARNING, only(Rehearsal.issuesFrom(WF, List.of(analysis(40, "friendly"))), "llm_spam_risk").severity());
        assertEquals(Severity.WARNING, only(Rehearsal.issuesFrom(WF, List.of(analysis(69, "friendly"))), "llm_spam_risk").severity());
        Issue high = only(Rehearsal.issuesFrom(WF, List.of(analysis(70, "friendly"))), "llm_spam_risk");
        assertEquals(Severity.ERROR, high.severity());
        assertTrue(high.message().contains("(high)"), high.message());
    }

    @Test
    void everyDefinedPressureToneYieldsAFinding() {
        assertEquals(Severity.WARNING, only(Rehearsal.issuesFrom(WF, List.of(analysis(0, "aggressive"))), "tone_issue").severity());
        assertEquals(Severity.WARNING, only(Rehearsal.issuesFrom(WF, List.of(analysis(0, "pushy"))), "tone_issue").severity());
        assertEquals(Severity.INFO, only(Rehearsal.issuesFrom(WF, List.of(analysis(0, "urgent"))), "tone_issue").severity());
        assertTrue(Rehearsal.issuesFrom(WF, List.of(analysis(0, "professional"))).isEmpty());
    }

    @Test
    void theRecommenderGetsBodiesSettingsEvidenceAndTheRuleRecommendationsAndItsUsageIsCounted() {
        List<String> digests = new ArrayList<>();
        Recommender recommender = (name, digest) -> {
            digests.add(digest);
            return new Recommender.Recommendations(List.of("Add a reply_contains branch for YES at 'route'."),
                    new Usage(500, 80, 0, 0, 1), null);
        };
        Expectation impossible = new Expectation("reaches_step", null, "end_opted_out", null, null, null, List.of("eager-eddie"));
        Report r = Rehearsal.run(new Rehearsal.Spec(WF, PersonaCatalog.builtIns(), new OfflinePersonaEngine(),
                SimulationOptions.defaults(7), List.of(impossible), null, recommender, null));
        String d = digests.get(0);
        assertTrue(d.contains("- intro_sms (send_sms) {\"body\":\"Hi {{contact.first_name"), d);
        assertTrue(d.contains("- wait_pricing (wait_for_reply) {\"timeout\":\"2d\",\"channel\":\"sms\"}"), d);
        assertTrue(d.contains("Failed expectations:\n- "), d);
        assertTrue(d.contains("for eager-eddie: \""), d);
        assertTrue(d.contains("Already recommended by the rules (do not repeat):\n- \""), d);
        assertTrue(r.recommendations().contains("Add a reply_contains branch for YES at 'route'."));
        assertEquals(1, r.usage().calls(), "the recommendations call is in the report's usage");
        assertEquals(500, r.usage().inputTokens());
    }

    @Test
    void aRecommendationTheRulesAlreadyMadeIsDropped() {
        Report plain = Rehearsal.run(new Rehearsal.Spec(WF, PersonaCatalog.builtIns(), new OfflinePersonaEngine(),
                SimulationOptions.defaults(7), List.of(), null, null, null));
        String ruleRec = plain.recommendations().get(0);
        Recommender echo = (name, digest) -> new Recommender.Recommendations(List.of(ruleRec), new Usage(10, 5, 0, 0, 1), null);
        Report r = Rehearsal.run(new Rehearsal.Spec(WF, PersonaCatalog.builtIns(), new OfflinePersonaEngine(),
                SimulationOptions.defaults(7), List.of(), null, echo, null));
        assertEquals(plain.recommendations(), r.recommendations());
        assertEquals(1, r.usage().calls());
    }
}
