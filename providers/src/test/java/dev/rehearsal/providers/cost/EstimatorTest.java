package dev.rehearsal.providers.cost;

import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.providers.ProviderConfig;
import dev.rehearsal.providers.Providers;
import dev.rehearsal.providers.prompt.PersonaPromptBuilder;
import dev.rehearsal.providers.bench.SampleTranscript;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EstimatorTest {
    static List<OutboundMessage> path(int n) {
        return SampleTranscript.steps(n, "Sam").stream().map(SampleTranscript.Step::message).toList();
    }

    @Test
    void countsEveryCallAndPricesTheModel() {
        ProviderConfig c = ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "openai", "REHEARSAL_MODEL", "gpt-4.1-mini"), Map.of());
        CostEstimate e = Estimator.estimate(PersonaCatalog.builtIns(), path(12), c);
        // 7 personas x 12 replies, one analysis per distinct message, one recommendation call.
        assertEquals(7 * 12 + 12 + 1, e.calls());
        assertTrue(e.priced());
        assertTrue(e.inputTokens() > 7 * 12 * 400, "each reply prompt is several hundred tokens: " + e.inputTokens());
        assertTrue(e.cachedInputTokens() > 0 && e.cachedInputTokens() < e.inputTokens());
        assertEquals(0, e.cacheWriteTokens(), "OpenAI bills no cache writes");
        double expected = PriceTable.bundled().cost("gpt-4.1-mini", new dev.rehearsal.engine.llm.Usage(e.inputTokens(),
                e.outputTokens(), e.cachedInputTokens(), 0, e.calls()));
        assertEquals(expected, e.dollars(), 1e-12);
    }

    @Test
    void haikuFourFiveCachesNothingOnAShortPath() {
        ProviderConfig c = ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "bedrock"), Map.of());
        CostEstimate e = Estimator.estimate(PersonaCatalog.builtIns().subList(0, 1), path(6), c, PriceTable.bundled(),
                new PersonaPromptBuilder());
        assertEquals(0, e.cachedInputTokens(), "prompts stay far below Haiku 4.5's 4,096-token minimum");
        assertTrue(e.dollars() > 0);
    }

    @Test
    void haikuFourFiveLeavesPaddingOffByDefaultBecauseShortPathsWouldPayMore() {
        ProviderConfig c = ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "bedrock"), Map.of());
        CostEstimate e = Estimator.estimate(PersonaCatalog.builtIns().subList(0, 1), path(6), c);
        CostEstimate unpadded = Estimator.estimate(PersonaCatalog.builtIns().subList(0, 1), path(6), c, PriceTable.bundled(),
                new PersonaPromptBuilder());
        assertEquals(unpadded.inputTokens(), e.inputTokens(), "no padding under AUTO on a 4,096-token minimum");
        assertEquals(0, e.cachedInputTokens());
    }

    @Test
    void haikuFourFiveEstimatesThePromptsTheRunSends() {
        ProviderConfig c = ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "bedrock", "REHEARSAL_CALIBRATION", "on"),
                Map.of());
        CostEstimate e = Estimator.estimate(PersonaCatalog.builtIns().subList(0, 1), path(6), c);
        CostEstimate same = Estimator.estimate(PersonaCatalog.builtIns().subList(0, 1), path(6), c, PriceTable.bundled(),
                Providers.personaPrompts(c, PriceTable.bundled()));
        assertEquals(same.inputTokens(), e.inputTokens());
        CostEstimate unpadded = Estimator.estimate(PersonaCatalog.builtIns().subList(0, 1), path(6), c, PriceTable.bundled(),
                new PersonaPromptBuilder());
        assertTrue(e.inputTokens() > unpadded.inputTokens(), "ON pads every prompt with channel rules");
    }

    @Test
    void offlineCostsNothing() {
        CostEstimate e = Estimator.estimate(PersonaCatalog.builtIns(), path(5), ProviderConfig.resolve(Map.of(), Map.of()));
        assertEquals(0, e.calls());
        assertEquals(0.0, e.dollars());
    }

    @Test
    void anLlmReplyClassifierCostsOneMoreCallPerReplyWhetherTheRunOrTheWorkflowAsksForIt() {
        ProviderConfig plain = ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "openai", "REHEARSAL_MODEL", "gpt-4.1-mini"), Map.of());
        ProviderConfig flagged = ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "openai", "REHEARSAL_MODEL", "gpt-4.1-mini",
                "REHEARSAL_REPLY_CLASSIFIER", "llm"), Map.of());
        var personas = PersonaCatalog.builtIns().subList(0, 2);
        Map<dev.rehearsal.engine.persona.Persona, List<OutboundMessage>> paths = new java.util.LinkedHashMap<>();
        paths.put(personas.get(0), path(3));
        paths.put(personas.get(1), path(5));
        var llmSettings = dev.rehearsal.engine.workflow.WorkflowParser.parseOrThrow("""
                {"id": "w", "name": "W", "start": "s", "settings": {"reply_classifier": "llm"},
                 "steps": [{"id": "s", "type": "send_sms", "config": {"body": "Hi! Reply STOP to opt out."}, "next": "e"},
                           {"id": "e", "type": "end"}]}""").settings();
        CostEstimate rules = Estimator.estimate(paths, path(5), plain, null);
        CostEstimate byWorkflow = Estimator.estimate(paths, path(5), plain, llmSettings);
        CostEstimate byRun = Estimator.estimate(paths, path(5), flagged, null);
        assertEquals(rules.calls() + 8, byWorkflow.calls(), "3 + 5 replies, each read by its own call");
        assertEquals(byWorkflow.calls(), byRun.calls());
        assertTrue(byWorkflow.dollars() > rules.dollars());
        assertTrue(byWorkflow.assumptions().stream().anyMatch(a -> a.contains("reply_classifier llm")));
        ProviderConfig rulesRun = ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "openai", "REHEARSAL_MODEL", "gpt-4.1-mini",
                "REHEARSAL_REPLY_CLASSIFIER", "rules"), Map.of());
        assertEquals(rules.calls(), Estimator.estimate(paths, path(5), rulesRun, llmSettings).calls(), "the run's setting wins");
    }
}
