package dev.rehearsal.engine.random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.TestWorkflows;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.reading.MessageReader;
import dev.rehearsal.engine.reading.MessageReading;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Common random numbers: two workflows that differ only in wording the message reader does not see,
 * or in a non-messaging step inserted upstream, give every persona the same path in every walk.
 */
class CommonRandomNumbersTest {
    static final OfflinePersonaEngine ENGINE = new OfflinePersonaEngine();
    static final String NEUTRAL = " Our team works out of the main office on Elm Street.";
    static final int SEEDS = 50, WALKS = 3;

    @ParameterizedTest
    @ValueSource(strings = {"sms-lead-followup", "email-nurture", "appointment-reminder", "broken-blast"})
    void aNeutralSentenceInEveryMessageChangesNoPath(String example) throws Exception {
        ObjectNode original = load(example);
        ObjectNode edited = original.deepCopy();
        forEachMessage(edited, body -> body + NEUTRAL);
        assertReaderSeesNoDifference(original, edited);
        assertSamePaths(parse(original), parse(edited), Map.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"sms-lead-followup", "email-nurture", "appointment-reminder"})
    void aTagStepInsertedBeforeAWaitChangesNoPath(String example) throws Exception {
        ObjectNode original = load(example);
        ObjectNode edited = original.deepCopy();
        String waitId = null;
        for (JsonNode s : edited.get("steps")) {
            if ("wait_for_reply".equals(s.path("type").asText())) {
                waitId = s.get("id").asText();
                break;
            }
        }
        assertTrue(waitId != null, example + " has a wait_for_reply");
        retarget(edited, waitId, "inserted_tag");
        ObjectNode tag = Json.mapper().createObjectNode();
        tag.put("id", "inserted_tag").put("type", "add_tag");
        tag.putObject("config").put("tag", "crn-probe");
        tag.put("next", waitId);
        ((ArrayNode) edited.get("steps")).insert(0, tag);
        Workflow a = parse(original), b = parse(edited);
        // The inserted step shows in the edited path; drop it before comparing.
        assertSamePaths(a, b, Map.of("inserted_tag", ""));
    }

    @Test
    void aStatedPriceIsAFeatureAndMayChangePaths() throws Exception {
        ObjectNode original = load("sms-lead-followup");
        ObjectNode edited = original.deepCopy();
        forEachMessage(edited, body -> body + " Memberships are $29/month, 20% off this week.");
        Workflow a = parse(original), b = parse(edited);
        Persona pam = PersonaCatalog.builtIn("price-conscious-pam").orElseThrow();
        int changed = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            var opts = SimulationOptions.defaults(seed);
            if (!SimulationRunner.run(a, pam, ENGINE, opts).path().equals(SimulationRunner.run(b, pam, ENGINE, opts).path())) {
                changed++;
            }
        }
        assertTrue(changed > 0, "a stated price is what Pam reacts to: some walk must change");
    }

    @Test
    void walksOfOneRunDifferAndEachRepeatsExactly() {
        Workflow wf = TestWorkflows.example("sms-lead-followup");
        Persona sarah = PersonaCatalog.builtIn("skeptical-sarah").orElseThrow();
        var opts = SimulationOptions.defaults(7);
        List<List<String>> paths = new ArrayList<>();
        for (int w = 0; w < 30; w++) paths.add(SimulationRunner.run(wf, sarah, ENGINE, opts, w).path());
        assertTrue(paths.stream().distinct().count() > 1, "30 walks of Sarah should not all take one path");
        for (int w = 0; w < 30; w++) assertEquals(paths.get(w), SimulationRunner.run(wf, sarah, ENGINE, opts, w).path());
        assertNotEquals(Draws.walkSeed(7, 0), Draws.walkSeed(7, 1));
    }

    static void assertSamePaths(Workflow a, Workflow b, Map<String, String> ignore) {
        for (Persona p : PersonaCatalog.builtIns()) {
            for (long seed = 1; seed <= SEEDS; seed++) {
                var opts = SimulationOptions.defaults(seed);
                for (int w = 0; w < WALKS; w++) {
                    List<String> pa = SimulationRunner.run(a, p, ENGINE, opts, w).path();
                    List<String> pb = new ArrayList<>(SimulationRunner.run(b, p, ENGINE, opts, w).path());
                    pb.removeIf(ignore::containsKey);
                    assertEquals(pa, pb, p.id() + " seed " + seed + " walk " + w);
                }
            }
        }
    }

    static void assertReaderSeesNoDifference(ObjectNode a, ObjectNode b) {
        Iterator<JsonNode> ia = a.get("steps").iterator(), ib = b.get("steps").iterator();
        while (ia.hasNext()) {
            JsonNode sa = ia.next(), sb = ib.next();
            String type = sa.path("type").asText();
            if (!type.startsWith("send_")) continue;
            Channel ch = type.equals("send_sms") ? Channel.SMS : Channel.EMAIL;
            assertEquals(features(sa, ch), features(sb, ch), "the reader must see the same message at " + sa.get("id"));
        }
    }

    static MessageReading features(JsonNode step, Channel ch) {
        JsonNode c = step.get("config");
        return MessageReader.read(new OutboundMessage(step.get("id").asText(), ch,
                c.has("subject") ? c.get("subject").asText() : null, c.get("body").asText()));
    }

    static void forEachMessage(ObjectNode wf, UnaryOperator<String> edit) {
        for (JsonNode s : wf.get("steps")) {
            if (s.path("type").asText().startsWith("send_")) {
                ObjectNode c = (ObjectNode) s.get("config");
                c.put("body", edit.apply(c.get("body").asText()));
            }
        }
    }

    /** Points every transition (and the start) that led to {@code from} at {@code to}. */
    static void retarget(ObjectNode wf, String from, String to) {
        if (from.equals(wf.path("start").asText())) wf.put("start", to);
        for (JsonNode s : wf.get("steps")) {
            ObjectNode o = (ObjectNode) s;
            for (String f : List.of("next", "on_reply", "on_timeout", "default")) {
                if (from.equals(o.path(f).asText(null))) o.put(f, to);
            }
            if (o.has("branches")) for (JsonNode br : o.get("branches")) {
                if (from.equals(br.path("next").asText(null))) ((ObjectNode) br).put("next", to);
            }
        }
    }

    static ObjectNode load(String example) throws Exception {
        return (ObjectNode) Json.mapper().readTree(Files.readString(TestWorkflows.examples().resolve(example + ".workflow.json")));
    }

    static Workflow parse(ObjectNode wf) {
        return TestWorkflows.parse(Json.write(wf));
    }
}
