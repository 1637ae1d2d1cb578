package dev.rehearsal.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Situation;
import dev.rehearsal.engine.persona.Behavior;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.sim.CharacterCheck;
import dev.rehearsal.providers.bedrock.BedrockChatModel;
import dev.rehearsal.providers.bedrock.BedrockChatModelTest;
import dev.rehearsal.providers.bedrock.BedrockClients;
import dev.rehearsal.providers.core.ChatModel;
import dev.rehearsal.providers.core.RetryingChatModel;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.jobs.LlmPersonaResponder;
import dev.rehearsal.providers.ollama.OllamaChatModel;
import dev.rehearsal.providers.ollama.OllamaChatModelTest;
import dev.rehearsal.providers.openai.OpenAiChatModel;
import dev.rehearsal.providers.openai.OpenAiChatModelTest;
import dev.rehearsal.providers.prompt.PersonaCard;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A custom persona with every field set, sent through each provider's real wire protocol to a loopback
 * server: the description, every behavior knob, the traits and every contact field reach the persona
 * prompt, the prompt is the same for every model, and code holds the model's answer to the persona's
 * active hours and language.
 */
class PersonaOnEveryProviderTest {
    static final Situation SUMMIT = new Situation("Summit Fitness", "fitness", "SMS lead follow-up", false, "America/Chicago");
    /** Monday 2026-03-02 10:00 in Chicago: outside Nora's evening hours. */
    static final long MORNING = LocalDateTime.of(2026, 3, 2, 10, 0).atZone(ZoneId.of("America/Chicago")).toInstant().toEpochMilli();

    static Persona nora() {
        return new Persona("night-nora", "Night Nora", "Nurse on day shifts; reads her phone after dinner.",
                new Persona.Personality("warm", "short", "slow", "medium"), Map.of("age_range", "35-44", "household", "two kids"),
                List.of("busy_parent", "loves_salsa_classes"),
                Map.of("first_name", "Nora", "last_name", "Quintero", "city", "El Paso", "phone", "+19155550147",
                        "email", "nora@example.com", "preferred_language", "es", "best_contact_time", "evenings",
                        "lead_source", "walk_in_flyer", "timezone", "America/Chicago", "membership_interest", "family plan"),
                false,
                new Behavior("es-MX", new Behavior.Hours("18:00", "22:30"), new Behavior.Rates(0.6, 0.1),
                        new Behavior.Delay("2h", 2.0), 0.5, 0.35, 0.7, 0.9));
    }

    static ReplyRequest morningText() {
        return new ReplyRequest(nora(), new OutboundMessage("intro", Channel.SMS, null,
                "Hola Nora, ¿quieres una clase gratis esta semana?"), List.of(), 5, 0, MORNING, "ignored", SUMMIT);
    }

    static String answer(String response, String when) {
        return dev.rehearsal.engine.json.Json.write(new java.util.LinkedHashMap<>(Map.of("reasoning", "she answers from work",
                "response", response, "reply_when", when, "sentiment", "positive", "intent", "interested",
                "likely_to_convert", 60, "actions", List.of("replied"))));
    }

    /** Each provider's wire: the adapter, a canned answer in its format, and where the prompt parts sit. */
    enum Wire {
        OPENAI {
            ChatModel model(StubServer s) {
                return new OpenAiChatModel(s.baseUrl() + "/v1", "gpt-4.1-mini", "sk-test-0123456789abcdef", Duration.ofSeconds(5));
            }

            String body(String content) {
                return OpenAiChatModelTest.completion(content, 1200, 1024, 60);
            }

            String system(JsonNode b) {
                return b.get("messages").get(0).get("content").asText();
            }

            String state(JsonNode b) {
                JsonNode last = b.get("messages").get(b.get("messages").size() - 1);
                assertEquals("system", last.get("role").asText());
                return last.get("content").asText();
            }
        },
        OLLAMA {
            ChatModel model(StubServer s) {
                return new OllamaChatModel(s.baseUrl(), "gpt-oss:20b", null, Duration.ofSeconds(5));
            }

            String body(String content) {
                return OllamaChatModelTest.ok(content);
            }

            String system(JsonNode b) {
                return b.get("messages").get(0).get("content").asText();
            }

            String state(JsonNode b) {
                return OPENAI.state(b);
            }
        },
        BEDROCK {
            ChatModel model(StubServer s) {
                return new BedrockChatModel(BedrockClients.create("us-east-1", URI.create(s.baseUrl()), Duration.ofSeconds(5),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTESTTESTTEST", "test-secret"))),
                        "us.anthropic.claude-haiku-4-5-20251001-v1:0");
            }

            String body(String content) {
                return BedrockChatModelTest.converse(content, 900, 60, 0, 0);
            }

            String system(JsonNode b) {
                return b.get("system").get(0).get("text").asText();
            }

            String state(JsonNode b) {
                JsonNode last = b.get("messages").get(b.get("messages").size() - 1);
                assertEquals("user", last.get("role").asText());
                JsonNode content = last.get("content");
                assertTrue(content.get(content.size() - 2).has("cachePoint"));
                return content.get(content.size() - 1).get("text").asText();
            }
        };

        abstract ChatModel model(StubServer s);

        abstract String body(String content);

        abstract String system(JsonNode body);

        abstract String state(JsonNode body);

        PersonaReply respond(StubServer s, String content) {
            s.then(200, body(content));
            LlmPersonaResponder r = new LlmPersonaResponder(new StructuredCaller(new RetryingChatModel(model(s),
                    Fixtures.policy(1, new Fixtures.RecordingSleeper()))), new PersonaPromptBuilder(), new UsageMeter());
            return r.respond(morningText());
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void everyPersonaFieldReachesThePromptInTheSameShapeForEveryModel(Wire wire) throws Exception {
        try (StubServer s = new StubServer()) {
            PersonaReply reply = wire.respond(s, answer("Sí, me interesa. ¿A qué hora son las clases en la noche?", "19:10"));
            assertNull(reply.providerError());
            JsonNode body = s.last().json();
            String system = wire.system(body);
            assertEquals(PersonaCard.systemPrompt(nora(), SUMMIT), system, "one prompt shape for every model");
            for (String part : List.of(
                    "Night Nora. Nurse on day shifts; reads her phone after dinner.",
                    "Tone warm; replies short; decides slow; objections medium.",
                    "age range: 35-44", "household: two kids",
                    "Habits: busy parent, loves salsa classes.",
                    // every behavior knob
                    "you write in Spanish (es-MX)",
                    "you read and answer messages only between 18:00 and 22:30, your local time",
                    "you answer about 60% of texts and 10% of emails",
                    "an answer usually takes you about 2h (most between 1 h and 4 h)",
                    "you open about 50% of marketing emails",
                    "you click about 35% of the links in emails you open",
                    "how readily you opt out when messages annoy you: 0.7",
                    "how much price decides for you: 0.9",
                    // every contact field
                    "best contact time: evenings", "city: El Paso", "email: nora@example.com", "first name: Nora",
                    "last name: Quintero", "lead source: walk_in_flyer", "membership interest: family plan",
                    "phone: +19155550147", "preferred language: es", "timezone: America/Chicago",
                    // the situation
                    "The business: Summit Fitness (fitness).", "How you became a lead: walk in flyer.")) {
                assertTrue(system.contains(part), wire + " prompt lacks '" + part + "':\n" + system);
            }
            assertTrue(wire.state(body).startsWith("⟦state⟧ Now: Mon 2026-03-02 10:00 (America/Chicago)."), wire.state(body));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anAnswerInsistedOnOutsideActiveHoursIsPushedIntoThemAndMarkedOutOfCharacter(Wire wire) throws Exception {
        try (StubServer s = new StubServer()) {
            PersonaReply reply = wire.respond(s, answer("Sí, me interesa. Estoy en el trabajo, ¿hay clases el sábado?", "10:15"));
            assertEquals("10:15", reply.replyWhen().said());
            assertEquals(15, reply.replyWhen().saidMinutes(), "the model's wish is on the record");
            assertEquals("pushed_into_active_hours", reply.replyWhen().rule());
            int m = reply.replyLatencyMinutes();
            assertTrue(m >= 8 * 60 && m < 8 * 60 + 90, "applied: within the first 90 minutes after 18:00, got " + m);
            assertNotNull(reply.outOfCharacter());
            assertTrue(CharacterCheck.violation(nora(), reply).contains("declared active hours 18:00-22:30, but chose to answer at 10:15"),
                    CharacterCheck.violation(nora(), reply));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void anAnswerInTheDeclaredEveningIsTakenAsSaid(Wire wire) throws Exception {
        try (StubServer s = new StubServer()) {
            PersonaReply reply = wire.respond(s, answer("Sí, me interesa. ¿A qué hora son las clases en la noche?", "19:10"));
            assertEquals(9 * 60 + 10, reply.replyLatencyMinutes());
            assertEquals("as_said", reply.replyWhen().rule());
            assertNull(CharacterCheck.violation(nora(), reply));
        }
    }
}
