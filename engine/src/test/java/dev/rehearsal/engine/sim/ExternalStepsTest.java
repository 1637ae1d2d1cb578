package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.TestWorkflows;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** External calls, inputs, inbound triggers, reply capture and placeholders, walked by the simulator. */
class ExternalStepsTest {
    static final Persona EDDIE = PersonaCatalog.builtIn("eager-eddie").orElseThrow();

    static String callFlow(String rate) {
        return """
                {"id":"call","name":"Call","start":"lookup","steps":[
                 {"id":"lookup","type":"external_call","config":{"kind":"function","success_rate":%s,
                   "outputs":{"slot":{"values":["9am","2pm"]}}},"next":"ok","on_failure":"alert"},
                 {"id":"ok","type":"send_sms","config":{"body":"Your slot: {{contact.slot}}. Reply STOP to opt out."},"next":"end"},
                 {"id":"alert","type":"notify_team","config":{"message":"lookup failed"},"next":"end"},
                 {"id":"end","type":"end"}]}""".formatted(rate);
    }

    @Test
    void externalCallOutcomeFollowsTheRateAndIsReproducible() {
        Workflow always = TestWorkflows.parse(callFlow("1"));
        Workflow never = TestWorkflows.parse(callFlow("0"));
        Workflow half = TestWorkflows.parse(callFlow("0.5"));
        assertEquals(List.of("lookup", "ok", "end"), walk(always, 1).path());
        assertEquals(List.of("lookup", "alert", "end"), walk(never, 1).path());
        Set<List<String>> paths = new HashSet<>();
        Set<String> slots = new HashSet<>();
        int successes = 0;
        for (long seed = 0; seed < 200; seed++) {
            var run = walk(half, seed);
            paths.add(run.path());
            if (run.path().contains("ok")) {
                successes++;
                slots.add(run.session().contact.fields.get("slot"));
            }
            assertEquals(run.path(), walk(half, seed).path(), "same seed, same outcome");
        }
        assertEquals(2, paths.size(), "both exits are walked");
        assertTrue(successes > 70 && successes < 130, "about half succeed: " + successes);
        assertEquals(Set.of("9am", "2pm"), slots, "outputs drawn from the declared values");
    }

    @Test
    void settingsRateAppliesWhenTheStepGivesNone() {
        String json = callFlow("1").replace("\"success_rate\":1,", "")
                .replace("\"name\":\"Call\",", "\"name\":\"Call\",\"settings\":{\"external_call_success_rate\":0},");
        assertEquals(List.of("lookup", "alert", "end"), walk(TestWorkflows.parse(json), 3).path());
    }

    @Test
    void inboundTriggerOpensWithThePersonasMessageAndRepliesAreCapturedIntoFields() {
        Workflow wf = TestWorkflows.parse("""
                {"id":"in","name":"Inbound","start":"ask",
                 "trigger":{"type":"inbound","prompt":"Text JOIN to get roof repair deals"},
                 "inputs":{"store":{"values":["north"]}},
                 "steps":[
                 {"id":"ask","type":"send_sms","config":{"body":"Thanks for '{{contact.opening_message}}' ({{contact.store}} store). Your zip? Reply STOP to opt out."},"next":"wait"},
                 {"id":"wait","type":"wait_for_reply","config":{"timeout":"1h","save_reply_to":"zip"},"on_reply":"split","on_timeout":"end"},
                 {"id":"split","type":"condition","branches":[
                   {"label":"local","when":{"text":{"input":"{{contact.zip}}","operator":"starts_with","value":"606"}},"next":"local"}],
                  "default":"end"},
                 {"id":"local","type":"send_sms","config":{"body":"We serve {{contact.zip}}."},"next":"end"},
                 {"id":"end","type":"end"}]}""");
        var r = new ScriptedResponder().reply("JOIN please", Intent.INTERESTED, 1).reply("  60614 ", Intent.NEUTRAL, 5);
        var run = SimulationRunner.run(wf, EDDIE, r, SimulationOptions.defaults(1));
        assertEquals(List.of("ask", "wait", "split", "local", "end"), run.path());
        assertEquals("Text JOIN to get roof repair deals", r.seen.get(0).message().body(), "the persona answers the prompt");
        assertTrue(run.interactions().get(0).message().body().startsWith("Thanks for 'JOIN please' (north store)"));
        assertTrue(run.interactions().get(0).note().contains("the lead wrote first"));
        assertEquals("We serve   60614 .", run.interactions().get(3).message().body());
        assertNull(run.session().contact.unhandledReply(run.session().clock), "the opening message counts as handled");
    }

    @Test
    void aPersonaWhoWouldNotWriteFirstStillOpensWithAStandIn() {
        Workflow wf = TestWorkflows.parse("""
                {"id":"in","name":"Inbound","start":"hi","trigger":{"type":"inbound","save_to":"first_words"},"steps":[
                 {"id":"hi","type":"send_sms","config":{"body":"You said {{contact.first_words}}"},"next":"end"},
                 {"id":"end","type":"end"}]}""");
        var run = SimulationRunner.run(wf, EDDIE, new ScriptedResponder().reply("STOP", Intent.OPT_OUT, 1), SimulationOptions.defaults(1));
        assertEquals("You said Hi", run.interactions().get(0).message().body());
    }

    @Test
    void placeholderPassesThroughAndIsReported() {
        Workflow wf = TestWorkflows.parse("""
                {"id":"p","name":"P","start":"voice","steps":[
                 {"id":"voice","type":"placeholder","config":{"source_type":"twilio-studio say-play","reason":"voice"},"next":"end"},
                 {"id":"end","type":"end"}]}""");
        assertEquals(List.of("voice", "end"), walk(wf, 1).path());
        assertTrue(dev.rehearsal.engine.validate.Validators.validate(wf).stream()
                .anyMatch(i -> i.type().equals("placeholder_step") && i.stepId().equals("voice")));
    }

    @Test
    void onFailureIsOnlyAllowedOnExternalCalls() {
        var res = WorkflowParser.parse("""
                {"id":"x","name":"X","start":"a","steps":[
                 {"id":"a","type":"add_tag","config":{"tag":"t"},"next":"b","on_failure":"b"},{"id":"b","type":"end"}]}""");
        assertFalse(res.ok());
        assertTrue(res.problems().stream().anyMatch(p -> p.pointer().startsWith("/steps/0")), res.problems().toString());
    }

    @Test
    void failureToASilentEndIsFlagged() {
        Workflow wf = TestWorkflows.parse(callFlow("1").replace("\"on_failure\":\"alert\"", "\"on_failure\":\"end\""));
        assertTrue(dev.rehearsal.engine.validate.Validators.validate(wf).stream()
                .anyMatch(i -> i.type().equals("unhandled_call_failure") && i.stepId().equals("lookup")));
        assertTrue(dev.rehearsal.engine.validate.Validators.validate(TestWorkflows.parse(callFlow("1"))).stream()
                .noneMatch(i -> i.type().equals("unhandled_call_failure")));
    }

    @Test
    void aSenderThatBlocksOptedOutNumbersTakesTheFailureExitInsteadOfSending() {
        String flow = """
                {"id":"b","name":"B","start":"ask","settings":{"sender_blocks_opted_out":%s},"steps":[
                 {"id":"ask","type":"send_sms","config":{"body":"Want a quote? Reply STOP to opt out."},"next":"wait"},
                 {"id":"wait","type":"wait_for_reply","config":{"timeout":"1h"},"on_reply":"again","on_timeout":"end"},
                 {"id":"again","type":"send_sms","config":{"body":"Great, here it is."},"next":"end","on_failure":"blocked"},
                 {"id":"blocked","type":"end"},
                 {"id":"end","type":"end"}]}""";
        for (String blocks : List.of("true", "false")) {
            var run = SimulationRunner.run(TestWorkflows.parse(flow.formatted(blocks)), EDDIE,
                    new ScriptedResponder().reply("STOP", Intent.OPT_OUT, 5), SimulationOptions.defaults(1));
            if (blocks.equals("true")) {
                assertEquals(List.of("ask", "wait", "again", "blocked"), run.path());
                assertNull(run.interactions().get(2).message(), "nothing was delivered");
                assertTrue(run.interactions().get(2).flags() == null || run.interactions().get(2).flags().isEmpty());
            } else {
                assertEquals(List.of("ask", "wait", "again", "end"), run.path());
                assertTrue(run.interactions().get(2).flags().contains(Simulator.FLAG_AFTER_OPT_OUT));
            }
        }
    }

    @Test
    void aWaitForAnEmailOpenTakesOnReplyAtTheMomentOfTheOpen() {
        var wf = TestWorkflows.parse("""
                {"id":"o","name":"O","start":"mail","steps":[
                 {"id":"mail","type":"send_email","config":{"subject":"Hi","body":"Hello"},"next":"opened"},
                 {"id":"opened","type":"wait_for_reply","config":{"timeout":"3d","for":"email_open"},"on_reply":"yes","on_timeout":"no"},
                 {"id":"yes","type":"end"},{"id":"no","type":"end"}]}""");
        var opens = SimulationRunner.run(wf, EDDIE, new ScriptedResponder().silence(dev.rehearsal.engine.llm.Action.OPENED),
                SimulationOptions.defaults(1));
        assertEquals(List.of("mail", "opened", "yes"), opens.path());
        assertEquals("email opened after 5m", opens.interactions().get(1).note());
        var ignores = SimulationRunner.run(wf, EDDIE, new ScriptedResponder().silence(), SimulationOptions.defaults(1));
        assertEquals(List.of("mail", "opened", "no"), ignores.path());
        assertTrue(ignores.interactions().get(2).at().compareTo(opens.interactions().get(2).at()) > 0, "the timeout took 3 days");
    }

    private static SimulationRunner.PersonaRun walk(Workflow wf, long seed) {
        return SimulationRunner.run(wf, EDDIE, new ScriptedResponder(), SimulationOptions.defaults(seed));
    }
}
