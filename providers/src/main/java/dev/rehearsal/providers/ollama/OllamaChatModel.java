package dev.rehearsal.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.providers.core.ChatAnswer;
import dev.rehearsal.providers.core.ChatMessage;
import dev.rehearsal.providers.core.ChatModel;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.core.ProviderException;
import dev.rehearsal.providers.core.RetryAfter;
import dev.rehearsal.providers.core.Secrets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Ollama's {@code POST /api/chat} (local or hosted), non-streaming, with {@code format} set to the
 * job's JSON Schema. Ollama caches the KV prefix itself and reports no cached-token count.
 */
public final class OllamaChatModel implements ChatModel {
    private final HttpClient http;
    private final URI endpoint;
    private final String model;
    private final String bearerToken;
    private final Duration timeout;

    public OllamaChatModel(String baseUrl, String model, String bearerToken, Duration timeout) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/api/chat");
        this.model = model;
        this.bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken;
        this.timeout = timeout;
        Secrets.register(this.bearerToken);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public ChatAnswer complete(ChatPrompt prompt) throws ProviderException {
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body(prompt)), StandardCharsets.UTF_8));
        if (bearerToken != null) req.header("Authorization", "Bearer " + bearerToken);
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw ProviderException.timeout(provider(), model, "no answer within " + timeout, e);
        } catch (IOException e) {
            throw ProviderException.timeout(provider(), model, e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProviderException.permanent(provider(), model, "interrupted");
        }
        JsonNode json = parse(res.body());
        if (res.statusCode() != 200) {
            String error = json != null && json.path("error").isTextual() ? json.get("error").asText() : snippet(res.body());
            throw ProviderException.http(provider(), model, res.statusCode(),
                    RetryAfter.parse(res.headers().firstValue("Retry-After").orElse(null)), error);
        }
        if (json == null || !json.path("message").path("content").isTextual()) {
            throw ProviderException.permanent(provider(), model, "HTTP 200 without message.content");
        }
        Usage usage = new Usage(json.path("prompt_eval_count").asLong(), json.path("eval_count").asLong(), 0, 0, 1);
        return new ChatAnswer(json.get("message").get("content").asText(), usage,
                json.path("model").isTextual() ? json.get("model").asText() : null);
    }

    ObjectNode body(ChatPrompt prompt) {
        ObjectNode b = Json.mapper().createObjectNode();
        b.put("model", model);
        ArrayNode messages = b.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system());
        for (ChatMessage m : prompt.messages()) messages.addObject().put("role", m.role().wire()).put("content", m.text());
        if (prompt.state() != null) messages.addObject().put("role", "system").put("content", prompt.state());
        b.put("stream", false);
        b.set("format", prompt.schema().wireSchema());
        ObjectNode options = b.putObject("options");
        options.put("temperature", prompt.temperature());
        options.put("num_predict", prompt.maxTokens());
        if (prompt.seed() != null) options.put("seed", prompt.seed());
        return b;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static String snippet(String body) {
        if (body == null) return "";
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    @Override
    public String provider() {
        return "ollama";
    }

    @Override
    public String model() {
        return model;
    }
}
