package dev.rehearsal.providers.replay;

import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.providers.Fixtures;
import dev.rehearsal.providers.core.ChatAnswer;
import dev.rehearsal.providers.core.ChatModel;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.core.ProviderException;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.jobs.LlmPersonaResponder;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayingChatModelTest {
    @TempDir
    Path dir;

    /** A model that answers from a script and counts calls. */
    static final class Scripted implements ChatModel {
        final Deque<Object> script = new ArrayDeque<>();
        int calls;

        @Override
        public ChatAnswer complete(ChatPrompt prompt) throws ProviderException {
            calls++;
            Object next = script.poll();
            if (next instanceof ProviderException e) throw e;
            return new ChatAnswer((String) next, new Usage(900, 60, 800, 0, 1));
        }

        @Override
        public String provider() {
            return "openai";
        }

        @Override
        public String model() {
            return "gpt-4.1-mini";
        }
    }

    PersonaReply run(ChatModel m) {
        return new LlmPersonaResponder(new StructuredCaller(m), new PersonaPromptBuilder(), new UsageMeter())
                .respond(Fixtures.request());
    }

    @Test
    void aReplayedRunIsByteIdenticalToTheRecordedOneAndMakesNoCalls() {
        Scripted live = new Scripted();
        live.script.add(Fixtures.INVALID_REPLY); // exercise the repair path too
        live.script.add(Fixtures.VALID_REPLY);
        PersonaReply recorded = run(new ReplayingChatModel(live, new FileReplayStore(dir), ReplayMode.RECORD));

        Scripted offline = new Scripted();
        PersonaReply replayed = run(new ReplayingChatModel(offline, new FileReplayStore(dir), ReplayMode.REPLAY));

        assertEquals(0, offline.calls);
        assertEquals(Json.write(recorded), Json.write(replayed));
        assertEquals(2, dir.toFile().list().length, "one file per request key");
    }

    @Test
    void recordedErrorsReplayAsTheSameError() {
        Scripted live = new Scripted();
        live.script.add(ProviderException.http("openai", "gpt-4.1-mini", 429, null, "rate_limit_exceeded"));
        PersonaReply recorded = run(new ReplayingChatModel(live, new FileReplayStore(dir), ReplayMode.RECORD));
        PersonaReply replayed = run(new ReplayingChatModel(new Scripted(), new FileReplayStore(dir), ReplayMode.REPLAY));
        assertEquals(Json.write(recorded), Json.write(replayed));
    }

    @Test
    void aReplayMissIsAProviderFailureNamingTheKey() {
        PersonaReply r = run(new ReplayingChatModel(new Scripted(), new FileReplayStore(dir), ReplayMode.REPLAY));
        String key = RequestKey.of("openai", "gpt-4.1-mini", new PersonaPromptBuilder().build(Fixtures.request()));
        assertEquals("openai gpt-4.1-mini: no response: replay miss: no recording for request key " + key, r.providerError());
    }

    @Test
    void theKeyDependsOnProviderModelAndRequest() throws Exception {
        ChatPrompt p = new PersonaPromptBuilder().build(Fixtures.request());
        String k = RequestKey.of("openai", "gpt-4.1-mini", p);
        assertEquals(64, k.length());
        assertEquals(k, RequestKey.of("openai", "gpt-4.1-mini", new PersonaPromptBuilder().build(Fixtures.request())));
        assertNotEquals(k, RequestKey.of("ollama", "gpt-4.1-mini", p));
        assertNotEquals(k, RequestKey.of("openai", "gpt-4o", p));
        assertNotEquals(k, RequestKey.of("openai", "gpt-4.1-mini", p.withRepair("x", List.of("y"))));

        Scripted live = new Scripted();
        live.script.add(Fixtures.VALID_REPLY);
        new ReplayingChatModel(live, new FileReplayStore(dir), ReplayMode.RECORD).complete(p);
        String stored = Files.readString(dir.resolve(k + ".json"));
        assertTrue(stored.contains("\"request\""), "the recording shows what was asked");
    }

    @Test
    void recordingsMadeWithAnOlderPromptAreReportedStaleNotSilentlyMissed() throws Exception {
        ChatPrompt current = new PersonaPromptBuilder().build(Fixtures.request());
        assertEquals(PersonaPromptBuilder.VERSION, RequestKey.canonical("openai", "gpt-4.1-mini", current).get("prompt_version").asText());
        // A recording of the same job made with the previous wording.
        ChatPrompt old = current.versioned("persona-1");
        assertNotEquals(RequestKey.of("openai", "gpt-4.1-mini", old), RequestKey.of("openai", "gpt-4.1-mini", current),
                "the version is part of the key");
        Scripted live = new Scripted();
        live.script.add(Fixtures.VALID_REPLY);
        new ReplayingChatModel(live, new FileReplayStore(dir), ReplayMode.RECORD).complete(old);

        PersonaReply r = run(new ReplayingChatModel(new Scripted(), new FileReplayStore(dir), ReplayMode.REPLAY));
        assertEquals("openai gpt-4.1-mini: no response: replay miss: stale recordings: the persona_reply recordings were made "
                + "with prompt_version [persona-1], this run uses " + PersonaPromptBuilder.VERSION
                + "; record them again (--replay record)", r.providerError());
    }
}
