package dev.rehearsal.engine.report;

import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplyDropsTest {
    private static final String STEPS = """
            {"id": "ask", "type": "send_sms", "config": {"body": "Reply 1 for SMS, 2 for email. Reply STOP to opt out."}, "next": "w"},
            {"id": "w", "type": "wait_for_reply", "config": {"timeout": "1h"}, "on_reply": "thanks", "on_timeout": "%s"},
            {"id": "thanks", "type": "send_sms", "config": {"body": "Thanks!"}, "next": "done"},
            %s
            {"id": "done", "type": "end"}
            """;

    private static PersonaResponder replyingAfter(Integer minutes) {
        return new PersonaResponder() {
            @Override
            public PersonaReply respond(ReplyRequest r) {
                return minutes == null ? new PersonaReply(null, "", Sentiment.NEUTRAL, Intent.NEUTRAL, 0, Set.of(), null, null, null)
                        : new PersonaReply("1 please", "", Sentiment.NEUTRAL, Intent.NEUTRAL, 50, Set.of(), minutes, null, null);
            }

            @Override
            public String name() {
                return "test";
            }
        };
    }

    private static List<Issue> drops(String onTimeout, String extraSteps, List<Integer> latencies) {
        return drops("", onTimeout, extraSteps, latencies);
    }

    private static List<Issue> drops(String trigger, String onTimeout, String extraSteps, List<Integer> latencies) {
        Workflow w = WorkflowParser.parseOrThrow("{\"id\": \"d\", \"name\": \"Drop\", \"start\": \"ask\", " + trigger + "\"steps\": ["
                + STEPS.formatted(onTimeout, extraSteps) + "]}");
        List<Persona> people = PersonaCatalog.builtIns();
        List<SimulationRunner.PersonaRun> runs = new java.util.ArrayList<>();
        for (int i = 0; i < latencies.size(); i++) {
            runs.add(SimulationRunner.run(w, people.get(i), replyingAfter(latencies.get(i)), SimulationOptions.defaults(1)));
        }
        return ReplyDrops.of(w, runs);
    }

    @Test
    void aReplyAfterTheTimeoutThatNothingReadsIsDroppedWithItsRate() {
        // two of four leads answer after 90 minutes, one in time, one never
        List<Issue> found = drops("done", "", java.util.Arrays.asList(90, 90, 10, null));
        assertEquals(1, found.size(), found::toString);
        Issue i = found.get(0);
        assertEquals("w", i.stepId());
        assertTrue(i.message().startsWith("in 2 of 4 walks (50%"), i.message());
    }

    @Test
    void aLateReplyThatALaterStepReadsIsNotDropped() {
        String recheck = """
                {"id": "later", "type": "delay", "config": {"duration": "1d"}, "next": "check"},
                {"id": "check", "type": "condition", "branches": [{"when": {"replied": true}, "next": "thanks"}], "default": "done"},
                """;
        assertEquals(List.of(), drops("later", recheck, java.util.Arrays.asList(90, 90, 10, null)));
    }

    @Test
    void aTextAfterAnInboundFlowEndedStartsItAgainAndIsNotDropped() {
        String inbound = "\"trigger\": {\"type\": \"inbound\", \"opening_message\": \"JOIN\"}, ";
        assertEquals(List.of(), drops(inbound, "done", "", java.util.Arrays.asList(90, 90, 10, null)));
        // but a flow that is still running when the late text comes (it moved on to a day's delay) loses it
        String moveOn = """
                {"id": "later", "type": "delay", "config": {"duration": "1d"}, "next": "done"},
                """;
        assertEquals(1, drops(inbound, "later", moveOn, java.util.Arrays.asList(90, 90, 10, null)).size());
    }
}
