package dev.rehearsal.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.providers.core.ChatAnswer;
import dev.rehearsal.providers.core.ChatMessage;
import dev.rehearsal.providers.core.ChatModel;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.core.JobSchema;
import dev.rehearsal.providers.core.ProviderException;
import dev.rehearsal.providers.core.RetryAfter;
import dev.rehearsal.providers.core.Secrets;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI (or a compatible gateway) chat completions with strict structured outputs. The only class
 * that sees openai-java's types, so the 38 MB client stays out of everything else's API.
 * OpenAI caches prompt prefixes automatically; the system prompt comes first so it is the prefix.
 */
public final class OpenAiChatModel implements ChatModel {
    private final OpenAIClient client;
    private final String model;
    /**
     * The client's own mapper, given to it so {@link #warm} fills the very serializer and deserializer caches the
     * calls use: the SDK otherwise makes one per client, and seven walks' first calls then built the same
     * deserializers behind one lock.
     */
    private final com.fasterxml.jackson.databind.json.JsonMapper mapper = ObjectMappers.jsonMapper();

    public OpenAiChatModel(String baseUrl, String model, String apiKey, Duration timeout) {
        this.model = model;
        Secrets.register(apiKey);
        OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder()
                .apiKey(apiKey == null || apiKey.isBlank() ? "missing-key" : apiKey)
                .timeout(timeout)
                .jsonMapper(mapper)
                .maxRetries(0); // RetryingChatModel owns retries so backoff is uniform and testable
        if (baseUrl != null && !baseUrl.isBlank()) b.baseUrl(baseUrl);
        this.client = b.build();
    }

    @Override
    public ChatAnswer complete(ChatPrompt prompt) throws ProviderException {
        ChatCompletion completion;
        try {
            completion = client.chat().completions().create(params(prompt));
        } catch (OpenAIServiceException e) {
            List<String> ra = e.headers().values("retry-after");
            throw ProviderException.http(provider(), model, e.statusCode(),
                    RetryAfter.parse(ra.isEmpty() ? null : ra.get(0)), describe(e));
        } catch (OpenAIIoException e) {
            throw ProviderException.timeout(provider(), model, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw ProviderException.permanent(provider(), model, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (completion.choices().isEmpty()) throw ProviderException.permanent(provider(), model, "no choices in answer");
        ChatCompletion.Choice choice = completion.choices().get(0);
        String text = choice.message().content().orElse(choice.message().refusal().map(r -> "refusal: " + r).orElse(""));
        return new ChatAnswer(text, usage(completion), completion.model());
    }

    /** The shape of a chat completion, read once by {@link #warm} so the SDK's response mapping is initialised. */
    private static final String SAMPLE_COMPLETION = "{\"id\":\"warm\",\"object\":\"chat.completion\",\"created\":0,"
            + "\"model\":\"warm\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"logprobs\":null,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"{}\",\"refusal\":null}}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}";

    /**
     * Builds and serialises a request and reads a sample answer with the SDK's own mapper: on a cold JVM these
     * (openai-java's Kotlin models, its Jackson modules) are most of the first call's time. The sample has the
     * shape of a later turn (assistant turns, the state line) and is built for the persona reply and the message
     * analysis, the two jobs whose first requests go out together while the walks start.
     */
    @Override
    public void warm() {
        try {
            client.chat().completions();
            for (JobSchema schema : List.of(JobSchema.PERSONA_REPLY, JobSchema.MESSAGE_ANALYSIS)) {
                ChatPrompt sample = new ChatPrompt(schema, "warm-up", List.of(ChatMessage.user("warm-up"),
                        ChatMessage.assistant("warm-up"), ChatMessage.user("warm-up")), 16, 0.0, 1L, false, "warm-up", null);
                mapper.writeValueAsString(params(sample)._body());
            }
            ChatCompletion c = mapper.readValue(SAMPLE_COMPLETION, ChatCompletion.class);
            c.choices().get(0).message().content();
            usage(c);
        } catch (Exception | LinkageError e) {
            // best effort: the first real call reports whatever is wrong
        }
    }

    ChatCompletionCreateParams params(ChatPrompt prompt) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage(prompt.system())
                .temperature(prompt.temperature())
                .maxCompletionTokens(prompt.maxTokens())
                .responseFormat(responseFormat(prompt.schema()));
        for (ChatMessage m : prompt.messages()) {
            if (m.role() == ChatMessage.Role.USER) b.addUserMessage(m.text());
            else b.addAssistantMessage(m.text());
        }
        // The code-built state line goes last, in the system position: after the cacheable conversation.
        if (prompt.state() != null) b.addSystemMessage(prompt.state());
        if (prompt.seed() != null) b.seed(prompt.seed());
        return b.build();
    }

    private static ResponseFormatJsonSchema responseFormat(JobSchema schema) {
        Map<String, JsonValue> props = new LinkedHashMap<>();
        JsonNode wire = schema.wireSchema();
        wire.fields().forEachRemaining(e -> props.put(e.getKey(), JsonValue.fromJsonNode(e.getValue())));
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name(schema.name())
                        .strict(true)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder().putAllAdditionalProperties(props).build())
                        .build())
                .build();
    }

    private static Usage usage(ChatCompletion c) {
        if (c.usage().isEmpty()) return new Usage(0, 0, 0, 0, 1);
        CompletionUsage u = c.usage().get();
        long cached = u.promptTokensDetails().flatMap(CompletionUsage.PromptTokensDetails::cachedTokens).orElse(0L);
        return new Usage(u.promptTokens(), u.completionTokens(), cached, 0, 1);
    }

    private static String describe(OpenAIServiceException e) {
        StringBuilder b = new StringBuilder();
        e.type().ifPresent(t -> b.append(t));
        e.code().ifPresent(c -> b.append(b.length() > 0 ? "/" : "").append(c));
        String msg = e.getMessage();
        return (b.length() > 0 ? b + ": " : "") + (msg == null ? "" : msg);
    }

    @Override
    public String provider() {
        return "openai";
    }

    @Override
    public String model() {
        return model;
    }
}
