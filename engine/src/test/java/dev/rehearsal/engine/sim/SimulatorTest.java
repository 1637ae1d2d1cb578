package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.TestWorkflows;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SimulatorTest {
    static final Persona EDDIE = PersonaCatalog.builtIn("eager-eddie").orElseThrow(); // America/Chicago
    static final SimulationOptions OPTS = SimulationOptions.defaults(1);

    static SimulationRunner.PersonaRun run(Workflow wf, ScriptedResponder r) {
        return SimulationRunner.run(wf, EDDIE, r, OPTS);
    }

    static final String ALL_TYPES = """
            {"id":"all","name":"Every step type","start":"sms","steps":[
             {"id":"sms","type":"send_sms","config":{"body":"Hi {{contact.first_name | default: \\"there\\"}} from {{contact.company}}! Reply STOP to opt out."},"next":"wait"},
             {"id":"wait","type":"wait_for_reply","config":{"timeout":"2h"},"on_reply":"cond","on_timeout":"late"},
             {"id":"cond","type":"condition","branches":[
                {"label":"yes","when":{"all":[{"reply_intent":["interested"]},{"reply_contains":["yes"]},{"not":{"opted_out":true}}]},"next":"tag"}],
              "default":"late"},
             {"id":"tag","type":"add_tag","config":{"tag":"hot"},"next":"untag"},
             {"id":"untag","type":"remove_tag","config":{"tag":"cold"},"next":"update"},
             {"id":"update","type":"update_contact","config":{"fields":{"stage":"qualified","greeting":"Dear {{contact.first_name}}"}},"next":"check_field"},
             {"id":"check_field","type":"condition","branches":[
                {"when":{"all":[{"field":{"name":"stage","equals":"qualified"}},{"has_tag":"hot"}]},"next":"notify"}],"default":"late"},
             {"id":"notify","type":"notify_team","config":{"message":"{{contact.first_name}} is hot"},"next":"email"},
             {"id":"email","type":"send_email","config":{"subject":"Welcome {{contact.first_name}}","body":"Details: https://x.example.com"},"next":"pause"},
             {"id":"pause","type":"delay","config":{"duration":"1d"},"next":"opened"},
             {"id":"opened","type":"condition","branches":[
                {"when":{"all":[{"email_opened":true},{"email_clicked":true}]},"next":"goal"}],"default":"late"},
             {"id":"goal","type":"goal","config":{"goal":"booked"},"next":"end"},
             {"id":"late","type":"end"},
             {"id":"end","type":"end"}]}
            """;

    @Test
    void everyStepTypeExecutesWithItsEffect() {
        var r = new ScriptedResponder().reply("yes please", Intent.INTERESTED, 30).silence(Action.OPENED, Action.CLICKED);
        var run = run(TestWorkflows.parse(ALL_TYPES), r);
        assertEquals(List.of("sms", "wait", "cond", "tag", "untag", "update", "check_field", "notify", "email", "pause",
                "opened", "goal", "end"), run.path());
        var s = run.session();
        assertEquals(EndReason.END, s.endReason);
        assertTrue(s.contact.tags.contains("hot"));
        assertEquals("qualified", s.contact.fields.get("stage"));
        assertEquals("Dear Eddie", s.contact.fields.get("greeting"));
        assertEquals(List.of("booked"), List.copyOf(s.contact.goals));
        var sms = run.interactions().get(0);
        assertEquals("Hi Eddie from Iron Temple Fitness! Reply STOP to opt out.", sms.message().body());
        assertEquals("Welcome Eddie", run.interactions().get(8).message().subject());
        assertEquals("team notified: Eddie is hot", run.interactions().get(7).note());
        // Virtual time: the reply after 30 minutes, then the 1-day delay; nothing slept.
        long elapsed = s.clock - s.startedAt;
        assertEquals(Duration.ofMinutes(30).plusDays(1).toMillis(), elapsed);
        assertEquals("on_reply", run.interactions().get(1).transition());
        assertEquals("branch:yes", run.interactions().get(2).transition());
    }

    @Test
    void waitTakesTimeoutBranchWhenReplyComesTooLate() {
        var r = new ScriptedResponder().reply("yes", Intent.INTERESTED, 180);
        var run = run(TestWorkflows.parse(ALL_TYPES), r);
        assertEquals(List.of("sms", "wait", "late"), run.path());
        assertEquals("on_timeout", run.interactions().get(1).transition());
        assertEquals(Duration.ofHours(2).toMillis(), run.session().clock - run.session().startedAt);
    }

    @Test
    void conditionWithoutDefaultStopsWithNoMatchingBranch() {
        var wf = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"c","steps":[
                 {"id":"c","type":"condition","branches":[{"when":{"has_tag":"vip"},"next":"e"}]},
                 {"id":"e","type":"end"}]}
                """);
        var run = run(wf, new ScriptedResponder());
        assertEquals(EndReason.NO_MATCHING_BRANCH, run.session().endReason);
    }

    @Test
    void waitWithoutTimeoutBranchStrandsSilentContacts() {
        var wf = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"s","steps":[
                 {"id":"s","type":"send_sms","config":{"body":"hi"},"next":"w"},
                 {"id":"w","type":"wait_for_reply","config":{"timeout":"1h"},"on_reply":"e"},
                 {"id":"e","type":"end"}]}
                """);
        var run = run(wf, new ScriptedResponder().silence());
        assertEquals(EndReason.DEAD_END, run.session().endReason);
    }

    @Test
    void messageAfterStopIsFlaggedAndTheLeadIsNotAskedAgain() {
        var wf = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"a","steps":[
                 {"id":"a","type":"send_sms","config":{"body":"hi, reply STOP to opt out"},"next":"d"},
                 {"id":"d","type":"delay","config":{"duration":"1d"},"next":"b"},
                 {"id":"b","type":"send_sms","config":{"body":"still there?"},"next":"e"},
                 {"id":"e","type":"end"}]}
                """);
        var r = new ScriptedResponder().reply("STOP", Intent.OPT_OUT, 5, Action.OPTED_OUT);
        var run = run(wf, r);
        assertFalse(run.interactions().get(0).flagged(Simulator.FLAG_AFTER_OPT_OUT));
        assertTrue(run.interactions().get(2).flagged(Simulator.FLAG_AFTER_OPT_OUT));
        assertEquals(1, r.seen.size(), "an opted-out lead is not simulated as engaging");
    }

    @Test
    void quietHoursAreJudgedInTheContactsTimeZone() {
        // Eddie lives in Chicago; 21:30 there is 22:30 in New York (the workflow default).
        var wf = TestWorkflows.singleSms("hello", "1h");
        var at2130 = SimulationOptions.defaults(1).withStart(LocalDateTime.of(2026, 3, 2, 21, 30));
        var run = SimulationRunner.run(wf, EDDIE, new ScriptedResponder().silence(), at2130);
        assertTrue(run.interactions().get(0).flagged(Simulator.FLAG_QUIET_HOURS));
        Instant sent = Instant.parse(run.interactions().get(0).at());
        assertEquals(Instant.parse("2026-03-03T03:30:00Z"), sent, "21:30 CST is 03:30 UTC");
        var at0900 = SimulationOptions.defaults(1).withStart(LocalDateTime.of(2026, 3, 2, 9, 0));
        var day = SimulationRunner.run(wf, EDDIE, new ScriptedResponder().silence(), at0900);
        assertFalse(day.interactions().get(0).flagged(Simulator.FLAG_QUIET_HOURS));
    }

    @Test
    void frequencyCapFlagsTheFourthMessageInADay() {
        var wf = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"a","steps":[
                 {"id":"a","type":"send_sms","config":{"body":"1"},"next":"b"},
                 {"id":"b","type":"send_sms","config":{"body":"2"},"next":"c"},
                 {"id":"c","type":"send_sms","config":{"body":"3"},"next":"d"},
                 {"id":"d","type":"send_sms","config":{"body":"4"},"next":"e"},
                 {"id":"e","type":"end"}]}
                """);
        var run = run(wf, new ScriptedResponder());
        assertFalse(run.interactions().get(2).flagged(Simulator.FLAG_FREQUENCY));
        assertTrue(run.interactions().get(3).flagged(Simulator.FLAG_FREQUENCY));
    }

    @Test
    void loopGuardAndMaxStepsStopRunawayWorkflows() {
        var loop = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"a","steps":[
                 {"id":"a","type":"delay","config":{"duration":"1h"},"next":"b"},
                 {"id":"b","type":"add_tag","config":{"tag":"t"},"next":"a"}]}
                """);
        var guarded = run(loop, new ScriptedResponder());
        assertEquals(EndReason.LOOP_GUARD, guarded.session().endReason);
        assertEquals(2 * SimulationOptions.DEFAULT_LOOP_LIMIT + 1, guarded.interactions().size());
        var capped = SimulationRunner.run(loop, EDDIE, new ScriptedResponder(), OPTS.withMaxSteps(7));
        assertEquals(EndReason.MAX_STEPS, capped.session().endReason);
        assertEquals(7, capped.interactions().size());
    }

    @Test
    void delayUntilLandsOnTheNextContactLocalTime() {
        var wf = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"d","steps":[
                 {"id":"d","type":"delay","config":{"until":"09:00"},"next":"s"},
                 {"id":"s","type":"send_sms","config":{"body":"morning"},"next":"e"},
                 {"id":"e","type":"end"}]}
                """);
        var run = SimulationRunner.run(wf, EDDIE, new ScriptedResponder(),
                SimulationOptions.defaults(1).withStart(LocalDateTime.of(2026, 3, 2, 22, 15)));
        assertTrue(run.interactions().get(1).localTime().endsWith("2026-03-03 09:00"), run.interactions().get(1).localTime());
    }

    @Test
    void steppingWithASerialisedSessionMatchesARunInOneGo() {
        // What the Lambda does: load the session, execute one step, store it; it must equal the local loop.
        Workflow wf = TestWorkflows.example("sms-lead-followup");
        var engine = new dev.rehearsal.engine.offline.OfflinePersonaEngine();
        for (Persona p : PersonaCatalog.builtIns()) {
            var whole = SimulationRunner.run(wf, p, engine, OPTS);
            SimulationSession s = Simulator.start(wf, p, OPTS);
            StringBuilder stepped = new StringBuilder();
            while (!s.done()) {
                String stored = Json.write(s);
                SimulationSession loaded = Json.mapper().convertValue(Json.mapper().valueToTree(
                        Json.convert(Json.tree(s), Object.class)), SimulationSession.class);
                assertEquals(stored, Json.write(loaded), "session survives a JSON round trip");
                stepped.append(Json.write(Simulator.step(wf, p, loaded, engine, OPTS)));
                s = loaded;
            }
            StringBuilder all = new StringBuilder();
            whole.interactions().forEach(i -> all.append(Json.write(i)));
            assertEquals(all.toString(), stepped.toString(), p.id());
        }
    }

    @Test
    void aFollowUpSentWhileAReplyWaitsUnansweredIsFlagged() {
        // send, wait 1h (the reply takes 3h), then a delay and a nudge "as if silent"
        var wf = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"a","steps":[
                 {"id":"a","type":"send_sms","config":{"body":"hi"},"next":"w"},
                 {"id":"w","type":"wait_for_reply","config":{"timeout":"1h"},"on_reply":"e","on_timeout":"d"},
                 {"id":"d","type":"delay","config":{"duration":"1d"},"next":"nudge"},
                 {"id":"nudge","type":"send_sms","config":{"body":"still there?"},"next":"e"},
                 {"id":"e","type":"end"}]}
                """);
        var late = run(wf, new ScriptedResponder().reply("yes, tell me more", Intent.INTERESTED, 180));
        var nudge = late.interactions().get(3);
        assertTrue(nudge.flagged(Simulator.FLAG_REPLY_IGNORED), nudge.toString());
        assertTrue(nudge.note().contains("yes, tell me more"), nudge.note());
        var silent = run(wf, new ScriptedResponder().silence());
        assertFalse(silent.interactions().get(3).flagged(Simulator.FLAG_REPLY_IGNORED));
        // a condition that reads replies counts as handling them
        var checked = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"a","steps":[
                 {"id":"a","type":"send_sms","config":{"body":"hi"},"next":"d"},
                 {"id":"d","type":"delay","config":{"duration":"1d"},"next":"c"},
                 {"id":"c","type":"condition","branches":[{"when":{"replied":true},"next":"thanks"}],"default":"e"},
                 {"id":"thanks","type":"send_sms","config":{"body":"thanks for your reply"},"next":"e"},
                 {"id":"e","type":"end"}]}
                """);
        var handled = run(checked, new ScriptedResponder().reply("yes", Intent.INTERESTED, 30));
        assertEquals(List.of("a", "d", "c", "thanks", "e"), handled.path());
        assertFalse(handled.interactions().get(3).flagged(Simulator.FLAG_REPLY_IGNORED));
    }

    @Test
    void anOptOutAppliesToTheChannelItCameOnAndStopIsHonouredByCode() {
        var wf = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"m","steps":[
                 {"id":"m","type":"send_email","config":{"subject":"Hi","body":"News"},"next":"s"},
                 {"id":"s","type":"send_sms","config":{"body":"hi, reply STOP to opt out"},"next":"d"},
                 {"id":"d","type":"delay","config":{"duration":"1d"},"next":"e"},
                 {"id":"e","type":"end"}]}
                """);
        // an LLM that marks an email reply "opted_out" (the SMS action) still only leaves email
        var r = new ScriptedResponder().reply("take me off this list", Intent.OPT_OUT, 5, Action.OPTED_OUT)
                .reply("Stop.", Intent.NEUTRAL, 5);
        var run = run(wf, r);
        assertNotNull(run.session().contact.emailUnsubscribedAt);
        assertNotNull(run.session().contact.smsOptedOutAt, "a bare STOP opts the number out whatever the model's fields say");
        var smsOnly = run(wf, new ScriptedResponder().silence().reply("stop texting me", Intent.NEUTRAL, 5));
        assertNull(smsOnly.session().contact.emailUnsubscribedAt);
        assertNotNull(smsOnly.session().contact.smsOptedOutAt);
        var notStop = run(wf, new ScriptedResponder().silence().reply("Stopping by tomorrow!", Intent.INTERESTED, 5));
        assertNull(notStop.session().contact.smsOptedOutAt);
    }

    @Test
    void anEmailIsOpenedWhenTheLeadGetsToItNotWhenItIsSent() {
        var wf = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"m","steps":[
                 {"id":"m","type":"send_email","config":{"subject":"Hi","body":"See https://x.example.com"},"next":"now"},
                 {"id":"now","type":"condition","branches":[{"when":{"email_opened":true},"next":"yes"}],"default":"later"},
                 {"id":"later","type":"delay","config":{"duration":"2h"},"next":"again"},
                 {"id":"again","type":"condition","branches":[{"when":{"email_clicked":true},"next":"yes"}],"default":"no"},
                 {"id":"yes","type":"end"},
                 {"id":"no","type":"end"}]}
                """);
        var run = run(wf, new ScriptedResponder().reply(null, Intent.NEUTRAL, 60, Action.OPENED, Action.CLICKED));
        assertEquals(List.of("m", "now", "later", "again", "yes"), run.path(), "not opened at send time, clicked an hour later");
    }

    @Test
    void thePersonaNeverSeesAReplyThatHasNotArrivedYet() {
        var wf = TestWorkflows.parse("""
                {"id":"x","name":"x","start":"a","steps":[
                 {"id":"a","type":"send_sms","config":{"body":"one"},"next":"b"},
                 {"id":"b","type":"send_sms","config":{"body":"two"},"next":"e"},
                 {"id":"e","type":"end"}]}
                """);
        var r = new ScriptedResponder().reply("late answer", Intent.NEUTRAL, 600).silence();
        run(wf, r);
        var second = r.seen.get(1);
        assertEquals(1, second.history().size(), "only the first message: its reply arrives 10 hours later");
        assertFalse(second.history().get(0).fromLead());
    }

    @Test
    void theStoredSessionStaysBoundedOnLongWorkflows() {
        StringBuilder steps = new StringBuilder();
        String body = "x".repeat(9000) + " Unsubscribe: https://x.example.com/u";
        for (int i = 0; i < 120; i++) {
            steps.append("{\"id\":\"m").append(i).append("\",\"type\":\"send_email\",\"config\":{\"subject\":\"n\",\"body\":\"")
                    .append(body).append("\"},\"next\":\"").append(i < 119 ? "m" + (i + 1) : "e").append("\"},");
        }
        var wf = TestWorkflows.parse("{\"id\":\"x\",\"name\":\"x\",\"start\":\"m0\",\"settings\":{\"max_steps\":200,"
                + "\"max_messages_per_24h\":1000},\"steps\":[" + steps + "{\"id\":\"e\",\"type\":\"end\"}]}");
        var chatty = PersonaCatalog.builtIn("chatty-cathy").orElseThrow();
        var run = SimulationRunner.run(wf, chatty, new dev.rehearsal.engine.offline.OfflinePersonaEngine(),
                SimulationOptions.defaults(1).withMaxSteps(200));
        assertEquals(121, run.interactions().size());
        int bytes = Json.write(run.session()).length();
        assertTrue(bytes < 300_000, "session " + bytes + " bytes: must fit a 400 KB DynamoDB item");
        assertEquals(Simulator.MAX_TURNS, run.session().transcript.size());
    }
}
