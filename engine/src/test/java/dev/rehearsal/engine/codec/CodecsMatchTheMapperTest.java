package dev.rehearsal.engine.codec;

import dev.rehearsal.engine.TestWorkflows;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.persona.PersonaParser;
import dev.rehearsal.engine.reading.ReplyReading;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.sim.Simulator;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written readers and writers against the mapper they stand in for, over real documents: every
 * built-in persona and the API's sample personas, and every session state and interaction of offline walks
 * (all built-in personas plus one with every behaviour knob, several seeds) through the examples' workflows
 * and the owners' fresh ones. The stored formats must never drift between the two.
 */
class CodecsMatchTheMapperTest {
    static final List<Persona> PERSONAS = new ArrayList<>();
    static final List<SimulationSession> SESSIONS = new ArrayList<>();
    static final List<Interaction> INTERACTIONS = new ArrayList<>();

    /** Every knob set, a Spanish writer, and a map order the mapper has to sort. */
    static final String EVERY_KNOB = """
            {"id":"every-knob","name":"Every Knob","description":"All behaviour set.",
             "personality":{"tone":"warm","response_length":"short","decision_speed":"fast","objection_likelihood":"high"},
             "demographics":{"zeta":"last","alpha":"first","timezone":"America/Denver"},
             "behavior_traits":["opens_emails","clicks_links","price_sensitive"],
             "contact":{"phone":"+13035550100","first_name":"Rosa","email":"rosa@example.com","last_name":"Díaz \\"R\\""},
             "behavior":{"language":"es-MX","active_hours":{"start":"08:00","end":"21:30"},
                         "reply_rate":{"sms":0.9,"email":1},"reply_delay":{"median":"5m","spread":1.5},
                         "open_rate":0.75,"click_rate":0.25,"opt_out_sensitivity":0.1,"price_sensitivity":0.95}}
            """;

    @BeforeAll
    static void corpus() throws IOException {
        PERSONAS.addAll(PersonaCatalog.builtIns());
        PERSONAS.add(PersonaParser.parse(EVERY_KNOB));
        Path repo = TestWorkflows.examples().getParent();
        for (String event : List.of("events/api/put-persona.json", "events/api/create-persona.json")) {
            String body = Json.mapper().readTree(Files.readString(repo.resolve(event))).path("body").asText();
            PERSONAS.add(PersonaParser.parse(body).withId("from-" + event.hashCode(), false));
        }
        List<Path> workflows = new ArrayList<>();
        for (Path dir : List.of(repo.resolve("examples"), repo.resolve("engine/src/test/resources/owners"))) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.toString().endsWith(".workflow.json")).sorted().forEach(workflows::add);
            }
        }
        assertTrue(workflows.size() >= 6, "examples and owners' workflows: " + workflows);
        for (Path f : workflows) {
            Workflow wf = TestWorkflows.parse(Files.readString(f));
            for (Persona p : PERSONAS) {
                for (long seed : new long[]{1, 7, 42}) walk(wf, p, seed);
            }
        }
    }

    static void walk(Workflow wf, Persona p, long seed) {
        SimulationOptions options = SimulationOptions.defaults(seed);
        SimulationSession s = Simulator.start(wf, p, options, (int) (seed % 3));
        OfflinePersonaEngine engine = new OfflinePersonaEngine();
        SESSIONS.add(s.copy());
        while (!s.done()) {
            INTERACTIONS.add(Simulator.step(wf, p, s, engine, options));
            SESSIONS.add(s.copy());
        }
    }

    @Test
    void theCorpusCoversWhatTheDocumentsCanHold() {
        assertTrue(SESSIONS.size() > 1_000, "sessions: " + SESSIONS.size());
        assertTrue(SESSIONS.stream().anyMatch(s -> s.endReason != null && s.likelyToConvert != null));
        assertTrue(SESSIONS.stream().anyMatch(s -> s.contact.smsOptedOutAt != null));
        assertTrue(SESSIONS.stream().anyMatch(s -> s.contact.lastEmailOpenedAt != null));
        assertTrue(SESSIONS.stream().anyMatch(s -> s.contact.replies.stream().anyMatch(r -> r.consumed())));
        assertTrue(SESSIONS.stream().anyMatch(s -> s.transcript.stream().anyMatch(t -> !t.actions().isEmpty())));
        assertTrue(SESSIONS.stream().anyMatch(s -> s.transcript.stream().anyMatch(t -> t.subject() != null)));
        assertTrue(INTERACTIONS.stream().anyMatch(i -> i.reading() != null && i.flags() != null && i.replyAt() != null));
    }

    @Test
    void personasAreWrittenAndReadAsTheMapperDoes() throws IOException {
        for (Persona p : PERSONAS) {
            String json = Json.write(p);
            assertEquals(json, PersonaCodec.write(p), p.id());
            assertEquals(Json.mapper().readValue(json, Persona.class), PersonaCodec.readFast(json), p.id());
        }
    }

    @Test
    void sessionsAreWrittenAndReadAsTheMapperDoes() throws IOException {
        for (SimulationSession s : SESSIONS) {
            String json = Json.write(s);
            assertEquals(json, SessionCodec.write(s));
            SimulationSession fast = SessionCodec.readFast(json);
            assertEquals(json, Json.write(fast));
            assertEquals(Json.write(Json.mapper().readValue(json, SimulationSession.class)), Json.write(fast));
            assertEquals(s.persona, fast.persona);
            assertEquals(s.contact.replies, fast.contact.replies);
            assertEquals(s.transcript, fast.transcript);
        }
    }

    @Test
    void interactionsAreWrittenAsTheMapperDoes() {
        for (Interaction in : INTERACTIONS) assertEquals(Json.write(in), InteractionCodec.write(in));
    }

    @Test
    void anLlmInteractionWithEveryFieldIsWrittenAsTheMapperDoes() {
        Usage usage = new Usage(1200, 80, 1000, 200, 2);
        PersonaReply reply = new PersonaReply("Tomorrow at 7 works — ¿puedo?", "keen", Sentiment.POSITIVE, Intent.READY_TO_BUY,
                88, Set.of(Action.BOOKED, Action.OPENED), 45, usage, "timeout: \u0001 slow", Boolean.TRUE,
                new PersonaReply.ReplyWhen("tomorrow 19:00", 600, "pushed_into_active_hours"), "answered at 3am");
        Interaction in = new Interaction(3, "offer", "send_email", "2026-03-02T17:00:00Z", "Mon 2026-03-02 10:00",
                new OutboundMessage("offer", Channel.EMAIL, "20% off", "Hi {{name}}"), reply,
                new ReplyReading(Intent.QUESTION, Sentiment.NEGATIVE, true, "price_question", "llm:x", usage),
                "2026-03-03T02:00:00Z", "on_reply", "end", "note", List.of("quiet_hours", "frequency_cap"));
        assertEquals(Json.write(in), InteractionCodec.write(in));
        Interaction bare = new Interaction(0, "s", "end", null, null, null,
                PersonaReply.providerFailure("boom", null), null, null, null, null, List.of());
        assertEquals(Json.write(bare), InteractionCodec.write(bare));
    }

    @Test
    void documentsOutsideTheWritersShapeAreLeftToTheMapper() throws IOException {
        String eddie = Json.write(PersonaCatalog.builtIn("eager-eddie").orElseThrow());
        for (String odd : List.of(
                eddie.replace("\"built_in\":true", "\"built_in\":true,\"nickname\":\"Ed\""), // a field from elsewhere
                eddie.replace("\"built_in\":true", "\"built_in\":\"true\""),                   // coerced by the mapper
                "{\"id\":\"x\",\"name\":null,\"built_in\":false}")) {                               // a null
            assertThrows(RuntimeException.class, () -> PersonaCodec.readFast(odd));
            assertEquals(Json.mapper().readValue(odd, Persona.class), PersonaCodec.read(odd));
        }
        String session = Json.write(SESSIONS.get(SESSIONS.size() - 1));
        String old = session.replace("\"seed\":", "\"retired_field\":[1,{\"a\":2}],\"seed\":");
        assertEquals(Json.write(Json.mapper().readValue(old, SimulationSession.class)), Json.write(SessionCodec.read(old)));
        // broken text: the mapper's own error, as before
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> SessionCodec.read(session.substring(9)));
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class, () -> PersonaCodec.read("{\"id\":"));
    }
}
