package dev.rehearsal.providers.bedrock;

import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.providers.core.ChatAnswer;
import dev.rehearsal.providers.core.ChatMessage;
import dev.rehearsal.providers.core.ChatModel;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.core.ProviderException;
import dev.rehearsal.providers.core.RetryAfter;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

import java.util.ArrayList;
import java.util.List;

/**
 * Claude on Bedrock through the Converse API. Converse (in this SDK) has no schema-enforced
 * output, so the job's schema rides in the system prompt, before the cache point: persona card and
 * schema form the static prefix that Bedrock caches across a persona's steps.
 */
public final class BedrockChatModel implements ChatModel {
    private static final ContentBlock CACHE_POINT =
            ContentBlock.fromCachePoint(CachePointBlock.builder().type(CachePointType.DEFAULT).build());
    private final BedrockRuntimeClient client;
    private final String modelId;

    /** {@code client} is built once by {@link BedrockClients} and shared; it is thread-safe. */
    public BedrockChatModel(BedrockRuntimeClient client, String modelId) {
        this.client = client;
        this.modelId = modelId;
    }

    @Override
    public ChatAnswer complete(ChatPrompt prompt) throws ProviderException {
        ConverseResponse res;
        try {
            res = client.converse(request(prompt));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String msg = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            String retryAfter = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? null
                    : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").orElse(null);
            throw ProviderException.http(provider(), modelId, e.statusCode(), RetryAfter.parse(retryAfter),
                    (code == null ? "" : code + ": ") + msg);
        } catch (SdkClientException e) {
            // Timeouts (ApiCallTimeoutException and friends) and connection failures.
            throw ProviderException.timeout(provider(), modelId, e.getClass().getSimpleName(), e);
        }
        StringBuilder text = new StringBuilder();
        if (res.output() != null && res.output().message() != null) {
            for (ContentBlock c : res.output().message().content()) if (c.text() != null) text.append(c.text());
        }
        return new ChatAnswer(text.toString(), usage(res.usage()));
    }

    /**
     * Converse takes system text only before the messages, and any change there invalidates the cached
     * conversation behind it. So the code-built state line rides as the last content block of the final
     * user turn, after a cache point: the system prefix and the whole conversation stay cacheable from one
     * step to the next (Anthropic looks back for earlier cache points at block boundaries), and the state
     * line keeps its ⟦state⟧ label, which no business text can carry ({@code Delimiters.escape}), so it is
     * never read as the business's words (docs/PROVIDERS.md, "Caching").
     */
    ConverseRequest request(ChatPrompt prompt) {
        List<Message> messages = new ArrayList<>();
        List<ChatMessage> turns = prompt.messages();
        for (int i = 0; i < turns.size(); i++) {
            ChatMessage m = turns.get(i);
            boolean last = i == turns.size() - 1;
            List<ContentBlock> content = new ArrayList<>();
            for (int j = 0; j < m.parts().size(); j++) {
                // Second cache point: the conversation so far, before the one volatile part.
                if (last && j == m.parts().size() - 1 && prompt.conversationCacheable() && prompt.state() == null) {
                    content.add(CACHE_POINT);
                }
                String part = m.parts().get(j);
                content.add(ContentBlock.fromText(part.isBlank() ? "(empty)" : part));
            }
            if (last && prompt.state() != null) {
                content.add(CACHE_POINT);
                content.add(ContentBlock.fromText(prompt.state()));
            }
            messages.add(Message.builder()
                    .role(m.role() == ChatMessage.Role.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                    .content(content)
                    .build());
        }
        List<SystemContentBlock> system = List.of(SystemContentBlock.fromText(prompt.system()),
                SystemContentBlock.fromText("The answer must be valid against this JSON Schema: "
                        + prompt.schema().compactText() + "\nReply with the JSON object only."),
                SystemContentBlock.fromCachePoint(CachePointBlock.builder().type(CachePointType.DEFAULT).build()));
        return ConverseRequest.builder()
                .modelId(modelId)
                .system(system)
                .messages(messages)
                .inferenceConfig(c -> c.maxTokens(prompt.maxTokens()).temperature((float) prompt.temperature()))
                .build();
    }

    /** Bedrock's inputTokens excludes cache reads and writes; {@link Usage#inputTokens()} counts all input. */
    static Usage usage(TokenUsage u) {
        if (u == null) return new Usage(0, 0, 0, 0, 1);
        long read = u.cacheReadInputTokens() == null ? 0 : u.cacheReadInputTokens();
        long write = u.cacheWriteInputTokens() == null ? 0 : u.cacheWriteInputTokens();
        long input = u.inputTokens() == null ? 0 : u.inputTokens();
        long output = u.outputTokens() == null ? 0 : u.outputTokens();
        return new Usage(input + read + write, output, read, write, 1);
    }

    @Override
    public String provider() {
        return "bedrock";
    }

    @Override
    public String model() {
        return modelId;
    }
}
