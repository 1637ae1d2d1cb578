package dev.rehearsal.providers.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.providers.core.ChatAnswer;
import dev.rehearsal.providers.core.ChatModel;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.core.ProviderException;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Record/replay around a (retrying) model. It records the final outcome of a call, answer or
 * error, so a replayed run takes exactly the recorded path: same answers, same usage, same errors.
 * Validation and repair run above this, on replayed text, and so repeat identically too.
 */
public final class ReplayingChatModel implements ChatModel {
    private final ChatModel delegate;
    private final ReplayStore store;
    private final ReplayMode mode;

    public ReplayingChatModel(ChatModel delegate, ReplayStore store, ReplayMode mode) {
        this.delegate = delegate;
        this.store = store;
        this.mode = mode;
    }

    @Override
    public ChatAnswer complete(ChatPrompt prompt) throws ProviderException {
        if (mode == ReplayMode.OFF) return delegate.complete(prompt);
        String key = RequestKey.of(provider(), model(), prompt);
        if (mode == ReplayMode.REPLAY) return replay(key, prompt);
        ObjectNode entry = Json.mapper().createObjectNode();
        entry.put("key", key);
        entry.set("request", RequestKey.canonical(provider(), model(), prompt));
        try {
            ChatAnswer a = delegate.complete(prompt);
            ObjectNode answer = entry.putObject("answer");
            answer.put("text", a.text());
            answer.set("usage", Json.tree(a.usage()));
            if (a.servedModel() != null) answer.put("served_model", a.servedModel());
            store.save(key, Json.pretty(entry));
            return a;
        } catch (ProviderException e) {
            entry.putObject("error").put("status", e.status()).put("retryable", e.retryable()).put("message", e.getMessage());
            store.save(key, Json.pretty(entry));
            throw e;
        }
    }

    private ChatAnswer replay(String key, ChatPrompt prompt) throws ProviderException {
        Optional<String> stored = store.load(key);
        if (stored.isEmpty()) {
            String job = prompt.schema().name();
            String version = prompt.promptVersion() == null ? "" : prompt.promptVersion();
            Set<String> others = new TreeSet<>(store.recordedVersions(job));
            others.remove(version);
            if (!others.isEmpty()) {
                throw ProviderException.permanent(provider(), model(), "replay miss: stale recordings: the " + job
                        + " recordings were made with prompt_version " + others.stream().map(v -> v.isEmpty() ? "(none)" : v)
                        .toList() + ", this run uses " + (version.isEmpty() ? "(none)" : version)
                        + "; record them again (--replay record)");
            }
            throw ProviderException.permanent(provider(), model(), "replay miss: no recording for request key " + key);
        }
        JsonNode entry;
        try {
            entry = Json.mapper().readTree(stored.get());
        } catch (JsonProcessingException e) {
            throw ProviderException.permanent(provider(), model(), "unreadable recording for request key " + key);
        }
        if (entry.has("error")) {
            JsonNode err = entry.get("error");
            throw ProviderException.restored(provider(), model(), err.path("status").asInt(), err.path("retryable").asBoolean(false),
                    err.path("message").asText());
        }
        JsonNode answer = entry.path("answer");
        return new ChatAnswer(answer.path("text").asText(), Json.convert(answer.path("usage"), Usage.class),
                answer.hasNonNull("served_model") ? answer.get("served_model").asText() : null);
    }

    @Override
    public String provider() {
        return delegate.provider();
    }

    @Override
    public String model() {
        return delegate.model();
    }
}
