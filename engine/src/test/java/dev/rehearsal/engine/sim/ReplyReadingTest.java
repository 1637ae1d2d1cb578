package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.TestWorkflows;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.reading.ReplyReading;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.report.ReportBuilder;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Conditions and opt-outs read the classifier's reading of the reply text, not the lead's own label. */
class ReplyReadingTest {
    static final Persona SARAH = PersonaCatalog.builtIn("skeptical-sarah").orElseThrow();

    /** Sends, waits, routes on intent; loops back once so a second reply is routed too. */
    static final Workflow ROUTED = TestWorkflows.parse("""
            {"id":"routed","name":"Intent-routed follow-up","start":"ask","steps":[
             {"id":"ask","type":"send_sms","config":{"body":"Want to book a free intro session? Reply STOP to opt out."},"next":"wait"},
             {"id":"wait","type":"wait_for_reply","config":{"timeout":"1d"},"on_reply":"route","on_timeout":"done"},
             {"id":"route","type":"condition","branches":[
                {"label":"opted out","when":{"opted_out":"sms"},"next":"done"},
                {"label":"hot","when":{"reply_intent":["interested","ready_to_buy"]},"next":"link"},
                {"label":"rep","when":{"reply_intent":["question","objection","price_objection"]},"next":"again"}],
              "default":"done"},
             {"id":"again","type":"send_sms","config":{"body":"Happy to help. Anything else before you book?"},"next":"wait_again"},
             {"id":"wait_again","type":"wait_for_reply","config":{"timeout":"1d"},"on_reply":"route_again","on_timeout":"done"},
             {"id":"route_again","type":"condition","branches":[
                {"label":"hot","when":{"reply_intent":["interested","ready_to_buy"]},"next":"link"}],"default":"done"},
             {"id":"link","type":"send_sms","config":{"body":"Book here: https://x.example.com/book"},"next":"done"},
             {"id":"done","type":"end"}]}
            """);

    static SimulationRunner.PersonaRun run(ScriptedResponder r) {
        return SimulationRunner.run(ROUTED, SARAH, r, SimulationOptions.defaults(1));
    }

    @Test
    void conditionsBranchOnWhatTheCrmReadsNotOnWhatTheLeadMeant() {
        // Sarah means an objection, but her words read as a plain yes: the CRM sends the booking link.
        var r = new ScriptedResponder().reply("Sure, sounds good.", Intent.OBJECTION, 10);
        var run = run(r);
        assertEquals(List.of("ask", "wait", "route", "link", "done"), run.path());
        Interaction route = run.interactions().get(2);
        assertTrue(route.flagged(Simulator.FLAG_INTENT_MISREAD), route.note());
        assertTrue(route.note().contains("read as interested/positive but meant objection/neutral"), route.note());
        assertTrue(route.note().contains("branch 'rep'"), route.note());
        ReplyRecord stored = run.session().contact.replies.get(0);
        assertEquals(Intent.INTERESTED, stored.intent());
        assertEquals(Intent.OBJECTION, stored.personaIntent());
        assertEquals("affirmation", run.interactions().get(0).reading().rule());
    }

    @Test
    void aReadingThatAgreesWithTheLeadRaisesNothing() {
        var r = new ScriptedResponder().reply("What's the catch?", Intent.OBJECTION, 10).reply("ok book it", Intent.READY_TO_BUY, 5);
        var run = run(r);
        assertEquals(List.of("ask", "wait", "route", "again", "wait_again", "route_again", "link", "done"), run.path());
        assertTrue(run.interactions().stream().noneMatch(i -> i.flagged(Simulator.FLAG_INTENT_MISREAD)));
    }

    @Test
    void aMisreadingThatTakesTheSameBranchIsNotReported() {
        // Meant ready_to_buy, read interested: both lead to the booking link.
        var run = run(new ScriptedResponder().reply("Yes please!", Intent.READY_TO_BUY, 10));
        assertEquals(List.of("ask", "wait", "route", "link", "done"), run.path());
        assertFalse(run.interactions().get(2).flagged(Simulator.FLAG_INTENT_MISREAD));
    }

    @Test
    void theReportShowsIntentMisreadWithItsRate() {
        // First reply agrees (question → rep), the second is misread (meant interested, reads as question).
        var r = new ScriptedResponder().reply("How long is the session?", Intent.QUESTION, 10)
                .reply("Okay, those reviews help. What would the session cover?", Intent.INTERESTED, 10);
        var run = run(r);
        Report report = ReportBuilder.build(ROUTED, new Report.RunInfo(1, "2026-03-02T10:00", "scripted", List.of(SARAH.id())),
                List.of(), List.of(run), List.of(), null, null);
        Issue misread = report.issues().stream().filter(i -> i.type().equals("intent_misread")).findFirst().orElseThrow();
        assertEquals("route_again", misread.stepId());
        assertEquals(SARAH.id(), misread.persona());
        assertTrue(misread.message().startsWith("1 of 2 (50%) of Skeptical Sarah's intent-routed replies were misread"),
                misread.message());
    }

    @Test
    void anOrdinaryStopIsNotAnOptOutButARevocationInOtherWordsIs() {
        var kept = run(new ScriptedResponder().reply("Stop by Thursday? I can come at 5", Intent.QUESTION, 10));
        assertNull(kept.session().contact.smsOptedOutAt);
        var left = run(new ScriptedResponder().reply("Por favor no me envíen más mensajes", Intent.NOT_INTERESTED, 10));
        assertNotNull(left.session().contact.smsOptedOutAt);
        assertEquals("route", left.interactions().get(2).stepId());
        assertEquals("branch:opted out", left.interactions().get(2).transition());
    }

    @Test
    void aPluggedClassifierDecidesAndItsUsageIsCounted() {
        ReplyClassifier alwaysPrice = new ReplyClassifier() {
            @Override
            public ReplyReading classify(String replyText) {
                return new ReplyReading(Intent.PRICE_OBJECTION, Sentiment.NEGATIVE, false, "llm", "llm:test",
                        new dev.rehearsal.engine.llm.Usage(100, 10, 0, 0, 1));
            }

            @Override
            public String name() {
                return "llm:test";
            }
        };
        var s = Simulator.start(ROUTED, SARAH, SimulationOptions.defaults(1));
        var r = new ScriptedResponder().reply("Yes please!", Intent.INTERESTED, 10);
        while (!s.done()) Simulator.step(ROUTED, SARAH, s, r, SimulationOptions.defaults(1), alwaysPrice);
        assertEquals(Intent.PRICE_OBJECTION, s.contact.replies.get(0).intent());
        assertEquals(1, s.usage.calls());
        assertEquals(100, s.usage.inputTokens());
    }
}
