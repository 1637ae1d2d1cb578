package dev.rehearsal.local.cli;

import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.providers.ProviderConfig;
import dev.rehearsal.providers.ProviderKind;
import dev.rehearsal.providers.cost.CostEstimate;
import dev.rehearsal.providers.cost.Estimator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Predicts an LLM run's tokens and cost before it runs. Each persona's path is taken from an
 * offline rehearsal (free, and the best guess of which messages that persona will receive), then
 * the provider's own prompt builder is counted along it.
 */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Predict the tokens and cost of rehearsing a workflow or suite with an LLM provider.")
final class EstimateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "workflow or suite JSON file")
    Path file;

    @Option(names = "--personas", description = "all, or comma-separated persona ids or files")
    String personas;

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    String format;

    @Option(names = "--seed", description = "random seed of the offline rehearsal that picks the paths (default: the suite's, else 42)")
    Long seed;

    @Option(names = "--start", description = "contact-local start, e.g. 2026-03-02T10:00")
    String start;

    @Option(names = "--runs", description = "walks per persona to price (default: the suite's runs when it gives a number, else 1)")
    Integer runs;

    @Option(names = "--max-steps", description = "max steps per persona (default: the workflow's, else 50)")
    Integer maxSteps;

    @ArgGroup(exclusive = false, heading = "LLM provider%n")
    ProviderOptions provider = new ProviderOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        BadInput bad = new BadInput(spec, format);
        InputFiles.Loaded loaded;
        List<Persona> people;
        ProviderConfig config;
        try {
            loaded = InputFiles.load(file);
            people = InputFiles.personas(personas, loaded.suite(), file.toAbsolutePath().getParent());
            config = provider.config();
        } catch (InvalidInputException e) {
            return bad.problems(file.toString(), e);
        } catch (IllegalArgumentException e) {
            return bad.message("invalid_provider", e.getMessage());
        }
        if (config.provider() == ProviderKind.OFFLINE) {
            return bad.message("no_provider", "the offline engine costs nothing; pick --provider bedrock|openai|ollama to estimate");
        }
        SimulationOptions options;
        try {
            options = TestCommand.options(loaded, seed, start, maxSteps);
        } catch (java.time.format.DateTimeParseException e) {
            return bad.message("invalid_start", "--start '" + start + "' is not a local date-time like 2026-03-02T10:00");
        }
        Map<Persona, List<OutboundMessage>> paths = Estimator.offlinePaths(loaded.workflow(), people, options);
        CostEstimate e = Estimator.estimate(paths, Rehearsal.messages(loaded.workflow()), config);
        int walks = runs != null ? runs : loaded.suite() != null && loaded.suite().runs() != null
                && !loaded.suite().runs().isAuto() ? loaded.suite().runs().fixed() : 1;
        if (walks < 1 || walks > dev.rehearsal.engine.stats.Runs.MAX_LLM) {
            return bad.message("invalid_runs", "--runs must be from 1 to " + dev.rehearsal.engine.stats.Runs.MAX_LLM
                    + " with an LLM provider, not " + walks);
        }
        if (walks > 1) e = times(e, walks);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (var entry : paths.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("persona", entry.getKey().id());
            row.put("messages", entry.getValue().size());
            rows.add(row);
        }
        if (format.equals("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("provider", config.provider().wire());
            doc.put("model", config.model());
            doc.put("personas", rows);
            doc.put("estimate", e);
            out.println(Json.pretty(doc));
        } else {
            out.printf("Estimate for '%s' on %s %s%n", loaded.workflow().name(), config.provider().wire(), config.model());
            for (var r : rows) out.printf("  %-22s %d message(s) on its offline path%n", r.get("persona"), r.get("messages"));
            out.printf("%d calls, %d input tokens (%d cached, %d cache writes), %d output tokens: $%.4f%s%n", e.calls(),
                    e.inputTokens(), e.cachedInputTokens(), e.cacheWriteTokens(), e.outputTokens(), e.dollars(),
                    e.priced() ? "" : " (model not in the price table: dollars unknown)");
            for (String a : e.assumptions()) out.println("  assumes: " + a);
            for (String w : e.warnings()) out.println("  warning: " + w);
        }
        out.flush();
        return Main.OK;
    }

    /**
     * N walks per persona: each walk priced like the offline walk's path; the per-run calls (message analysis,
     * recommendations) are multiplied too, so the figure is an upper bound.
     */
    static CostEstimate times(CostEstimate e, int walks) {
        List<String> assumptions = new ArrayList<>(e.assumptions());
        assumptions.add(walks + " walks per persona, each priced like the offline walk's path; per-run calls "
                + "(analysis, recommendations) counted " + walks + " times too, so this is an upper bound");
        return new CostEstimate(e.provider(), e.model(), e.calls() * walks, e.inputTokens() * walks,
                e.cachedInputTokens() * walks, e.cacheWriteTokens() * walks, e.outputTokens() * walks, e.dollars() * walks,
                e.priced(), assumptions, e.warnings());
    }
}
