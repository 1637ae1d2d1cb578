package dev.rehearsal.importers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.EndReason;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TwilioStudioImportTest {
    static final String PATIENT = "twilio-studio/patient-appointment-management.json";
    static final String COVID = "twilio-studio/covid-vaccine-faq-bot.studio_flow.js";

    static String source(String name) {
        if (name.startsWith("/")) return ExternalFlows.resource(name);
        Path dir = ExternalFlows.locate();
        assumeTrue(dir != null, "shared/external-flows not found beside the repository");
        Path file = dir.resolve(name);
        return name.endsWith(".js") ? ExternalFlows.jsModuleAsJson(file) : ExternalFlows.read(file);
    }

    static ImportResult importIt(String name) {
        return Importers.fromText(null, source(name), ImportOptions.withId("imported"));
    }

    @ParameterizedTest
    @ValueSource(strings = {PATIENT, COVID, "/twilio/roofer-intake.json"})
    void everyWidgetAndTransitionIsAccountedForAndEveryPersonaWalksIt(String name) {
        String text = source(name);
        JsonNode src = Json.mapper().valueToTree(Json.convert(dev.rehearsal.engine.json.LocatedJson.parseFast(text), Object.class));
        ImportResult r = Importers.fromText(null, text, ImportOptions.withId("imported"));
        assertEquals(ImportFormat.TWILIO_STUDIO, r.format(), "detected from the content");

        Set<String> pointers = new HashSet<>();
        r.report().entries().forEach(m -> pointers.add(m.pointer()));
        JsonNode states = src.get("states");
        for (int i = 0; i < states.size(); i++) {
            assertTrue(pointers.contains("/states/" + i), "widget /states/" + i + " is in the report");
            for (int j = 0; j < states.get(i).get("transitions").size(); j++) {
                assertTrue(pointers.contains("/states/" + i + "/transitions/" + j), "transition /states/" + i + "/transitions/" + j);
            }
        }
        Workflow wf = r.workflow();
        for (Persona p : PersonaCatalog.builtIns()) {
            var run = SimulationRunner.run(wf, p, new OfflinePersonaEngine(), SimulationOptions.defaults(7));
            assertFalse(run.interactions().isEmpty());
            assertTrue(Set.of(EndReason.END, EndReason.GOAL, EndReason.LOOP_GUARD, EndReason.MAX_STEPS)
                    .contains(run.session().endReason), p.id() + " ended " + run.session().endReason + " on " + run.path());
        }
    }

    @Test
    void patientFlowKeepsItsEventSplitRepliesAndCalls() {
        ImportResult r = importIt(PATIENT);
        Workflow wf = r.workflow();
        JsonNode def = r.definition();
        assertEquals("set_global_variables", wf.start(), "entered by the REST API trigger");
        assertFalse(def.has("trigger"), "a REST-triggered flow acts first");
        JsonNode eventType = def.at("/inputs/event_type/values");
        assertTrue(eventType.toString().contains("\"REMIND\"") && eventType.toString().contains("\"BOOKED\""), eventType.toString());
        assertEquals("(another value)", eventType.get(eventType.size() - 1).asText(), "noMatch stays reachable");

        Step split = wf.step("split_on_event_type");
        assertEquals(StepType.CONDITION, split.type());
        assertEquals("Remind", split.branchLabel(0));
        assertEquals("flow_end", split.defaultNext(), "an unconnected noMatch ends the flow");

        Step remind = wf.step("send_remind__wait");
        assertEquals("2m", remind.text("timeout"), "Studio's 120 seconds");
        assertEquals("send_remind_reply", remind.text("save_reply_to"));
        assertEquals("split_remind_reply", remind.onReply());
        assertTrue(wf.step("split_remind_reply").branches().get(0).when().toString().contains("{{contact.send_remind_reply}}"));

        Step booked = wf.step("save-booked");
        assertEquals(StepType.EXTERNAL_CALL, booked.type());
        assertEquals("function", booked.text("kind"));
        assertEquals("send_booked", booked.next());
        assertEquals("flow_end", booked.onFailure());
        assertTrue(wf.step("get-datetime-parts").config().path("outputs").has("get_datetime_parts_readable_datetime"));
        assertTrue(wf.step("send_canceled").body().startsWith("Hello, {{contact.patient_first_name}}."), wf.step("send_canceled").body());
        assertTrue(wf.step("send_canceled").body().endsWith("- From {{contact.customer_name}}"));
    }

    @Test
    void faqBotStartsWithTheLeadsMessageAndLoopsOnEachQuestion() {
        ImportResult r = importIt(COVID);
        JsonNode def = r.definition();
        assertEquals("inbound", def.at("/trigger/type").asText());
        assertEquals("{{contact.opening_message}}", r.workflow().step("SetUtteranceVariable").config().at("/fields/utterance").asText());
        JsonNode answers = r.workflow().step("DialogflowDetectIntent").config().at("/outputs/dialogflowdetectintent_fulfillmenttext/values");
        assertTrue(answers.toString().contains("\"\""), "the blank answer the bot tests for is a possible output");
        var run = SimulationRunner.run(r.workflow(), PersonaCatalog.builtIn("chatty-cathy").orElseThrow(),
                new OfflinePersonaEngine(), SimulationOptions.defaults(3));
        assertTrue(run.interactions().get(0).note().contains("the lead wrote first"), run.interactions().get(0).note());
    }

    @Test
    void ownFixtureMapsEveryKindAndSaysWhatItCannot() {
        ImportResult r = importIt("/twilio/roofer-intake.json");
        Workflow wf = r.workflow();
        assertEquals(StepType.PLACEHOLDER, wf.step("handoff").type());
        assertEquals(StepType.PLACEHOLDER, wf.step("alert_office").type());
        assertNull(wf.step("voice_greeting"), "the call path is reported, not left as an orphan step");
        assertTrue(r.report().entries().stream().anyMatch(m -> m.pointer().equals("/states/13") && m.note().contains("call entry")));
        assertEquals("30m", wf.step("ask_zip__wait").text("timeout"));
        assertEquals("1d", wf.step("offer_slot__wait").text("timeout"));
        Step confirm = wf.step("confirm_split");
        assertTrue(confirm.branches().get(0).when().toString().contains("All"), "two conditions on one transition: both must hold");
        assertEquals(2, wf.step("check_zip").branches().size(), "the is_after branch is reported, not simulated");
        assertTrue(r.report().entries().stream().anyMatch(m -> m.pointer().equals("/states/4/transitions/3/conditions/0")
                && m.outcome() == Mapping.Outcome.UNSUPPORTED));
        assertTrue(r.report().entries().stream().anyMatch(m -> m.pointer().equals("/states/0/transitions/1")
                && m.outcome() == Mapping.Outcome.UNSUPPORTED && m.note().contains("voice")));
        assertEquals(List.of("(lookup slots slot)"), List.of(wf.step("lookup_slots").config().at("/outputs/lookup_slots_slot/example").asText()));
        assertEquals("north", wf.step("remember_opening").config().at("/fields/crew").asText());
    }

    @Test
    void truncatedExportIsRefusedWithLineAndColumn() {
        String text = source(PATIENT);
        String cut = text.substring(0, text.length() / 2);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Importers.fromText("twilio-studio", cut, ImportOptions.withId("x")));
        assertEquals("malformed_json", e.problems().get(0).code());
        assertTrue(e.problems().get(0).line() > 1, e.problems().toString());
    }

    @Test
    void brokenStructureIsReportedAtEachPlace() {
        String text = """
                {"initial_state": "Nope", "states": [
                  {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "ghost"}]},
                  {"name": "Trigger", "type": "send-message", "transitions": [{"next": "Trigger"}]},
                  {"type": "split-based-on", "transitions": "none"}
                ]}""";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Importers.fromText(null, text, ImportOptions.withId("x")));
        Set<String> at = new HashSet<>();
        e.problems().forEach(p -> at.add(p.pointer() + " " + p.code()));
        assertEquals(Set.of("/initial_state dangling_transition", "/states/0/transitions/0/next dangling_transition",
                "/states/1/name duplicate_widget", "/states/1/transitions/0/event invalid_transition",
                "/states/2/name invalid_widget", "/states/2/transitions invalid_widget"), at);
        assertTrue(e.problems().stream().allMatch(p -> p.line() > 0), "located by line as well");
    }

    @Test
    void voiceOnlyFlowHasNothingToRehearse() {
        String text = """
                {"initial_state": "Trigger", "states": [
                  {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingCall", "next": "hello"}, {"event": "incomingMessage"}]},
                  {"name": "hello", "type": "say-play", "transitions": [{"event": "audioComplete"}]}]}""";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Importers.fromText(null, text, ImportOptions.withId("x")));
        assertEquals("/states/0/transitions", e.problems().get(0).pointer());
        assertEquals("no_messaging_entry", e.problems().get(0).code());
    }

    @Test
    void unknownFormatsAreNamed() {
        assertEquals("unrecognised_format", assertThrows(InvalidInputException.class,
                () -> Importers.fromText(null, "{\"steps\": []}", ImportOptions.withId("x"))).problems().get(0).code());
        assertEquals("unknown_format", assertThrows(InvalidInputException.class,
                () -> Importers.fromText("zapier", "{}", ImportOptions.withId("x"))).problems().get(0).code());
    }
}
