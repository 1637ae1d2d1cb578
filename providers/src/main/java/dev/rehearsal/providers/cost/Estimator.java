package dev.rehearsal.providers.cost;

import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.providers.ProviderConfig;
import dev.rehearsal.providers.ProviderKind;
import dev.rehearsal.providers.Providers;
import dev.rehearsal.providers.core.ChatPrompt;
import dev.rehearsal.providers.prompt.AnalysisPromptBuilder;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import dev.rehearsal.providers.prompt.RecommendationPromptBuilder;
import dev.rehearsal.providers.prompt.ReplyReadingPromptBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Predicts a suite's tokens and cost by building the very prompts the run would send (same
 * builder, same personas, the messages of the path each persona walks) and counting them with
 * jtokkit. Replies are unknown before the run, so each persona is assumed to answer every message
 * with a short reply; output tokens per call are a fixed allowance.
 */
public final class Estimator {
    static final String ASSUMED_REPLY = "Thanks, can you tell me a bit more about how this works and what it costs?";
    static final int REPLY_OUTPUT_TOKENS = 110;
    static final int ANALYSIS_OUTPUT_TOKENS = 160;
    static final int RECOMMENDATION_OUTPUT_TOKENS = 260;
    static final int READING_OUTPUT_TOKENS = 40;
    static final int DIGEST_TOKENS = 1500;

    private Estimator() {
    }

    public static CostEstimate estimate(List<Persona> personas, List<OutboundMessage> messagesPerPath, ProviderConfig config) {
        PriceTable prices = PriceTable.load(config.priceFile());
        return estimate(personas, messagesPerPath, config, prices, Providers.personaPrompts(config, prices));
    }

    public static CostEstimate estimate(List<Persona> personas, List<OutboundMessage> messagesPerPath, ProviderConfig config,
                                        PriceTable prices, PersonaPromptBuilder builder) {
        Map<Persona, List<OutboundMessage>> paths = new LinkedHashMap<>();
        for (Persona p : personas) paths.put(p, messagesPerPath);
        return estimate(paths, messagesPerPath, config, prices, builder,
                "each persona receives every listed message and replies to each (upper bound for branching paths)",
                "llm".equals(config.replyClassifier()));
    }

    /**
     * Per-persona paths (e.g. from an offline rehearsal) priced for replies; {@code analysed} are the
     * workflow's messages, each analysed once per run; one recommendation call per run.
     */
    public static CostEstimate estimate(Map<Persona, List<OutboundMessage>> paths, List<OutboundMessage> analysed,
                                        ProviderConfig config) {
        return estimate(paths, analysed, config, null);
    }

    /**
     * As {@link #estimate(Map, List, ProviderConfig)}, for a workflow whose {@code settings.reply_classifier}
     * may ask for the LLM classification job (the run's setting wins, as in {@code ProviderBundle.choose}):
     * then every reply also costs one classification call.
     */
    public static CostEstimate estimate(Map<Persona, List<OutboundMessage>> paths, List<OutboundMessage> analysed,
                                        ProviderConfig config, dev.rehearsal.engine.workflow.WorkflowSettings settings) {
        PriceTable prices = PriceTable.load(config.priceFile());
        String wanted = config.replyClassifier() != null ? config.replyClassifier()
                : settings != null ? settings.replyClassifier() : null;
        return estimate(paths, analysed, config, prices, Providers.personaPrompts(config, prices),
                "each persona receives the messages of the path it took in an offline rehearsal and replies to each",
                "llm".equals(wanted));
    }

    private static CostEstimate estimate(Map<Persona, List<OutboundMessage>> paths, List<OutboundMessage> analysed,
                                         ProviderConfig config, PriceTable prices, PersonaPromptBuilder builder,
                                         String pathAssumption, boolean classifiesReplies) {
        List<String> assumptions = new ArrayList<>(List.of(
                pathAssumption,
                "output: " + REPLY_OUTPUT_TOKENS + " tokens per reply, " + ANALYSIS_OUTPUT_TOKENS + " per analysis, "
                        + RECOMMENDATION_OUTPUT_TOKENS + " for recommendations; no repairs or retries",
                "prompt cache: a step reuses the previous step's prefix when the provider's minimum cacheable size is met",
                "tokens counted with " + TokenCounter.o200k().encodingName() + "; Claude's tokenizer differs by a few percent"));
        if (classifiesReplies) {
            assumptions.add("reply_classifier llm: one classification call per reply (" + READING_OUTPUT_TOKENS
                    + " output tokens), separate from the persona's");
        }
        if (config.provider() == ProviderKind.OFFLINE) {
            return new CostEstimate("offline", "offline", 0, 0, 0, 0, 0, 0, true, assumptions);
        }
        TokenCounter tokens = TokenCounter.o200k();
        // Same default as Providers.personaPrompts: a model missing from the price table gets no cache minimum.
        int minCache = prices.price(config.model()).map(ModelPrice::minCacheTokens).orElse(0);
        boolean writesCache = config.provider() == ProviderKind.BEDROCK; // Bedrock bills cache writes; OpenAI does not
        Usage total = Usage.NONE;
        // The CRM's reading of a reply is its own call on the reply text only: the same prompt for every reply.
        Usage reading = classifiesReplies
                ? new Usage(tokens.total(ReplyReadingPromptBuilder.build(ASSUMED_REPLY)), READING_OUTPUT_TOKENS, 0, 0, 1)
                : null;

        for (var entry : paths.entrySet()) {
            Persona persona = entry.getKey();
            List<OutboundMessage> messagesPerPath = entry.getValue();
            List<Turn> history = new ArrayList<>();
            ChatPrompt previous = null;
            for (int i = 0; i < messagesPerPath.size(); i++) {
                OutboundMessage m = messagesPerPath.get(i);
                ChatPrompt p = builder.build(new ReplyRequest(persona, m, history, 0, i, i * 3_600_000L, "Tue 10:00"));
                long input = tokens.total(p);
                long cached = previous == null ? 0 : reusable(previous, p, tokens);
                if (cached < minCache) cached = 0;
                long written = writesCache ? Math.max(0, input - cached) : 0;
                if (writesCache && input < minCache) written = 0;
                total = total.plus(new Usage(input, REPLY_OUTPUT_TOKENS, cached, written, 1));
                if (reading != null) total = total.plus(reading);
                previous = p;
                history.add(new Turn(false, m.channel(), m.subject(), m.body(), i * 3_600_000L));
                history.add(new Turn(true, m.channel(), null, ASSUMED_REPLY, i * 3_600_000L + 60_000));
            }
        }
        Set<OutboundMessage> distinct = new LinkedHashSet<>(analysed);
        for (OutboundMessage m : distinct) {
            total = total.plus(new Usage(tokens.total(AnalysisPromptBuilder.build(m, true)), ANALYSIS_OUTPUT_TOKENS, 0, 0, 1));
        }
        ChatPrompt rec = RecommendationPromptBuilder.build("workflow", "");
        total = total.plus(new Usage(tokens.total(rec) + DIGEST_TOKENS, RECOMMENDATION_OUTPUT_TOKENS, 0, 0, 1));

        return new CostEstimate(config.provider().wire(), config.model(), total.calls(), total.inputTokens(),
                total.cachedInputTokens(), total.cacheWriteTokens(), total.outputTokens(),
                prices.cost(config.model(), total), prices.price(config.model()).isPresent(), assumptions,
                prices.warnings(config.model(), java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
    }

    /**
     * Each persona's path as an offline rehearsal walks it (free, and the best guess of which messages
     * that persona will receive): the input to {@link #estimate(Map, List, ProviderConfig)}.
     */
    public static Map<Persona, List<OutboundMessage>> offlinePaths(dev.rehearsal.engine.workflow.Workflow workflow,
                                                                   List<Persona> personas,
                                                                   dev.rehearsal.engine.sim.SimulationOptions options) {
        dev.rehearsal.engine.offline.OfflinePersonaEngine offline = new dev.rehearsal.engine.offline.OfflinePersonaEngine();
        Map<Persona, List<OutboundMessage>> paths = new LinkedHashMap<>();
        for (Persona p : personas) {
            var run = dev.rehearsal.engine.sim.SimulationRunner.run(workflow, p, offline, options);
            paths.put(p, run.interactions().stream().map(dev.rehearsal.engine.sim.Interaction::message)
                    .filter(m -> m != null).toList());
        }
        return paths;
    }

    /**
     * Tokens of {@code prev} a prefix cache would serve to {@code p}: the conversation, else the system prompt.
     * A prompt with a state line (sent after the conversation) whose turns extend the previous prompt's
     * reuses the system prompt and every earlier turn (OpenAI, Ollama; on Bedrock the state sits in the
     * system blocks, so this is an upper bound there).
     */
    public static long reusable(ChatPrompt prev, ChatPrompt p, TokenCounter tokens) {
        if (!prev.system().equals(p.system())) return 0;
        List<String> before = parts(prev);
        List<String> now = parts(p);
        if (prev.state() != null && now.size() >= before.size() && now.subList(0, before.size()).equals(before)) {
            return tokens.total(prev) - TokenCounter.PER_MESSAGE_OVERHEAD - tokens.count(prev.state());
        }
        if (prev.conversationCacheable()) {
            List<String> stable = before.subList(0, before.size() - 1);
            if (now.size() >= stable.size() && now.subList(0, stable.size()).equals(stable)) {
                List<String> last = prev.messages().get(prev.messages().size() - 1).parts();
                return tokens.total(prev) - tokens.count(last.get(last.size() - 1));
            }
        }
        return tokens.prefix(prev);
    }

    private static List<String> parts(ChatPrompt p) {
        List<String> out = new ArrayList<>();
        p.messages().forEach(m -> {
            for (int j = 0; j < m.parts().size(); j++) out.add(m.role().wire() + "+" + m.parts().get(j));
        });
        return out;
    }
}
