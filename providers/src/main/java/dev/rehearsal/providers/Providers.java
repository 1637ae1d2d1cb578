package dev.rehearsal.providers;

import dev.rehearsal.providers.bedrock.BedrockChatModel;
import dev.rehearsal.providers.bedrock.BedrockClients;
import dev.rehearsal.providers.core.ChatModel;
import dev.rehearsal.providers.core.RetryPolicy;
import dev.rehearsal.providers.core.RetryingChatModel;
import dev.rehearsal.providers.core.Sleeper;
import dev.rehearsal.providers.core.StructuredCaller;
import dev.rehearsal.providers.cost.ModelPrice;
import dev.rehearsal.providers.cost.PriceTable;
import dev.rehearsal.providers.cost.TokenCounter;
import dev.rehearsal.providers.cost.UsageMeter;
import dev.rehearsal.providers.jobs.LlmMessageAnalyst;
import dev.rehearsal.providers.jobs.LlmPersonaResponder;
import dev.rehearsal.providers.jobs.LlmRecommender;
import dev.rehearsal.providers.jobs.LlmReplyClassifier;
import dev.rehearsal.providers.ollama.OllamaChatModel;
import dev.rehearsal.providers.openai.OpenAiChatModel;
import dev.rehearsal.providers.prompt.Calibration;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import dev.rehearsal.providers.replay.FileReplayStore;
import dev.rehearsal.providers.replay.ReplayMode;
import dev.rehearsal.providers.replay.ReplayStore;
import dev.rehearsal.providers.replay.ReplayingChatModel;

import java.net.URI;

/** Builds the provider bundle for a configuration: adapter, then retry, then record/replay, then validation. */
public final class Providers {
    private Providers() {
    }

    public static ProviderBundle create(ProviderConfig config) {
        return create(config, Sleeper.REAL, null);
    }

    /**
     * As {@link #create(ProviderConfig)}, then warms what the first calls will need: the adapter's client and
     * request/response mapping ({@link ChatModel#warm}) and, when persona prompts are padded to a cacheable
     * length, the tokenizer. Slow on a cold JVM, so the CLI runs it on a background thread while it reads and
     * validates the workflow (docs/PERFORMANCE.md, "Seven personas, 300 ms stub LLM").
     */
    public static ProviderBundle createWarmed(ProviderConfig config) {
        return create(config, Sleeper.REAL, null, true);
    }

    /** {@code store} null = files under {@code config.replayDir()}; pass a DynamoDB store in AWS. */
    public static ProviderBundle create(ProviderConfig config, Sleeper sleeper, ReplayStore store) {
        return create(config, sleeper, store, false);
    }

    private static final String SAMPLE_REPLY = "{\"reasoning\": \"warm-up\", \"response\": \"Sounds good.\", \"sentiment\": "
            + "\"neutral\", \"intent\": \"question\", \"likely_to_convert\": 30, \"actions\": [\"replied\"], \"reply_when\": \"now\"}";

    private static final dev.rehearsal.engine.llm.Situation SAMPLE_SITUATION =
            new dev.rehearsal.engine.llm.Situation("Warm-up Studio", "fitness", "warm-up", false, "America/Chicago");

    private static ProviderBundle create(ProviderConfig config, Sleeper sleeper, ReplayStore store, boolean warm) {
        PriceTable prices = PriceTable.load(config.priceFile());
        UsageMeter meter = new UsageMeter();
        if (config.provider() == ProviderKind.OFFLINE) return new ProviderBundle(null, null, null, meter, prices, config, null);

        PersonaPromptBuilder personaPrompts = personaPrompts(config, prices);
        // Beside the client being built, on their own thread: the tokenizer's vocabulary (~0.5 s on a cold JVM) and,
        // for OpenAI, the JDK's IDN tables, which OkHttp reads to parse every request's URL: initialised by the first
        // requests instead, they held every walk's first call behind one class initialisation (~0.3 s).
        boolean padded = personaPrompts.targetPrefixTokens() > 0, okHttp = config.provider() == ProviderKind.OPENAI;
        Thread beside = null;
        if (warm) {
            beside = new Thread(() -> {
                if (okHttp) java.net.IDN.toASCII("api.openai.com");
                if (padded) TokenCounter.o200k().count("warm-up");
                // A persona prompt, twice, with a throwaway builder: the real one caches prompts by (persona, situation),
                // and a record's first hashCode or equals links its call site by spinning method-handle classes, which
                // the class-data archive cannot hold: ~85 of them, hashing whole personas, were on the walks' first
                // requests (docs/PERFORMANCE.md, "Fourth round").
                PersonaPromptBuilder sample = new PersonaPromptBuilder(PersonaPromptBuilder.DEFAULT_MAX_TURNS,
                        personaPrompts.targetPrefixTokens());
                var persona = dev.rehearsal.engine.persona.PersonaCatalog.builtIns().get(0);
                for (int i = 0; i < 2; i++) sample.systemPrompt(persona, SAMPLE_SITUATION);
                // The answer check every walk's first reply goes through (its JSON Schema validators, cold).
                dev.rehearsal.providers.core.AnswerParser.parse(SAMPLE_REPLY, dev.rehearsal.providers.core.JobSchema.PERSONA_REPLY);
            }, "rehearse-provider-warm-up-2");
            beside.setDaemon(true);
            beside.start();
        }
        ChatModel adapter = adapter(config);
        if (warm) adapter.warm();
        if (beside != null) {
            try {
                beside.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ChatModel model = new RetryingChatModel(adapter, RetryPolicy.standard(config.maxAttempts()).withSleeper(sleeper));
        if (config.replayMode() != ReplayMode.OFF) {
            model = new ReplayingChatModel(model, store != null ? store : new FileReplayStore(config.replayDir()),
                    config.replayMode());
        }
        StructuredCaller caller = new StructuredCaller(model);
        LlmReplyClassifier llmClassifier = new LlmReplyClassifier(caller, meter);
        return new ProviderBundle(new LlmPersonaResponder(caller, personaPrompts, meter),
                new LlmMessageAnalyst(caller, meter), new LlmRecommender(caller, meter), meter, prices, config,
                config.llmReplyClassifier() ? llmClassifier : null, llmClassifier);
    }

    /**
     * The persona-reply prompt builder for the configured model: where {@link Calibration} says so, its
     * cacheable prefix is grown with calibration examples to the model's minimum cacheable prefix
     * ({@code min_cache_tokens} in the price table), so the prefix is cached at all; models with no
     * entry get no examples.
     * {@code Estimator} uses the same builder, so estimates count the prompts the run sends.
     */
    public static PersonaPromptBuilder personaPrompts(ProviderConfig config, PriceTable prices) {
        if (config.provider() == ProviderKind.OFFLINE) return new PersonaPromptBuilder();
        int min = prices.price(config.model()).map(ModelPrice::minCacheTokens).orElse(0);
        return PersonaPromptBuilder.withPrefixTarget(config.calibration().prefixTarget(min));
    }

    static ChatModel adapter(ProviderConfig c) {
        boolean replaying = c.replayMode() == ReplayMode.REPLAY; // a replay never calls out, so needs no key
        return switch (c.provider()) {
            case BEDROCK -> new BedrockChatModel(BedrockClients.create(c.region(),
                    c.baseUrl() == null ? null : URI.create(c.baseUrl()), c.timeout(), null), c.model());
            case OPENAI -> {
                if (!replaying && blank(c.openAiApiKey())) {
                    throw new IllegalArgumentException("provider openai needs OPENAI_API_KEY in the environment");
                }
                yield new OpenAiChatModel(c.baseUrl(), c.model(), c.openAiApiKey(), c.timeout());
            }
            case OLLAMA -> new OllamaChatModel(c.baseUrl(), c.model(), c.ollamaApiKey(), c.timeout());
            case OFFLINE -> throw new IllegalStateException("offline has no chat model");
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
