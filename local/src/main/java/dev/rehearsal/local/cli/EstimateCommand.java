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
import dev.rehearsal.local.cost.AwsBill;
import dev.rehearsal.local.cost.AwsCost;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
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

    @Mixin
    WalkOptions walk = new WalkOptions();

    @Option(names = "--format", defaultValue = "text", description = "text or json")
    String format;

    @Option(names = "--runs", description = "walks per persona to price (default: the suite's runs when it gives a number, else 1)")
    Integer runs;

    @Option(names = "--aws", description = "also run the rehearsal through the state machine of --template on a local "
            + "DynamoDB, count what it uses and price its orchestration and storage in AWS (docs/COST.md)")
    boolean aws;

    @Option(names = "--template", description = "SAM template whose state machine --aws runs (default: template.yaml here or above FILE)")
    Path template;

    @Option(names = "--llm-latency-ms", defaultValue = "1500", description = "with --aws and an LLM provider: how long a "
            + "Lambda waits on each model call (default: ${DEFAULT-VALUE})")
    long llmLatencyMs;

    @Option(names = "--times", defaultValue = "1", description = "with --aws: rehearsals to price, e.g. 100000 for "
            + "10 suites x 10,000 accounts (default: ${DEFAULT-VALUE})")
    double times;

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
            people = walk.personas(loaded, file.toAbsolutePath().getParent());
            config = provider.config();
        } catch (InvalidInputException e) {
            return bad.problems(file.toString(), e);
        } catch (IllegalArgumentException e) {
            return bad.message("invalid_provider", e.getMessage());
        }
        if (config.provider() == ProviderKind.OFFLINE && !aws) {
            return bad.message("no_provider", "the offline engine costs nothing in tokens; pick --provider bedrock|openai|ollama to estimate tokens, "
                    + "or --aws to price its orchestration in AWS");
        }
        SimulationOptions options;
        try {
            options = walk.simulation(loaded);
        } catch (java.time.format.DateTimeParseException e) {
            return bad.message("invalid_start", walk.badStart());
        }
        int walks = runs != null ? runs : loaded.suite() != null && loaded.suite().runs() != null
                && !loaded.suite().runs().isAuto() ? loaded.suite().runs().fixed() : 1;
        boolean llm = config.provider() != ProviderKind.OFFLINE;
        int maxWalks = llm ? dev.rehearsal.engine.stats.Runs.MAX_LLM : dev.rehearsal.engine.stats.Runs.MAX_OFFLINE;
        if (walks < 1 || walks > maxWalks) {
            return bad.message("invalid_runs", "--runs must be from 1 to " + maxWalks
                    + (llm ? " with an LLM provider" : "") + ", not " + walks);
        }
        if (aws && !(times >= 1)) return bad.message("invalid_times", "--times must be at least 1, not " + times);
        CostEstimate e = null;
        List<Map<String, Object>> rows = new ArrayList<>();
        if (llm) {
            Map<Persona, List<OutboundMessage>> paths = Estimator.offlinePaths(loaded.workflow(), people, options);
            e = Estimator.estimate(paths, Rehearsal.messages(loaded.workflow()), config, loaded.workflow().settings());
            if (walks > 1) e = times(e, walks);
            for (var entry : paths.entrySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("persona", entry.getKey().id());
                row.put("messages", entry.getValue().size());
                rows.add(row);
            }
        }
        AwsBill bill = null;
        if (aws) {
            try {
                bill = AwsCost.measure(templateFile(), workflowText(loaded), loaded.workflow().id(), people, walks, options.seed(), e == null ? 0 : e.calls(),
                        llmLatencyMs, times);
            } catch (IllegalStateException | java.io.UncheckedIOException ex) {
                return bad.message("aws_measure_failed", ex.getMessage());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return bad.message("aws_measure_failed", "interrupted");
            }
        }
        if (format.equals("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("provider", config.provider().wire());
            doc.put("model", config.model());
            doc.put("personas", rows);
            if (e != null) doc.put("estimate", e);
            if (bill != null) doc.put("aws", bill);
            if (bill != null && e != null && e.dollars() > 0) doc.put("orchestration_share_of_tokens", bill.orchestrationDollars() / (e.dollars() * times));
            out.println(Json.pretty(doc));
        } else {
            if (e != null) {
                out.printf("Estimate for '%s' on %s %s%n", loaded.workflow().name(), config.provider().wire(), config.model());
                for (var r : rows) out.printf("  %-22s %d message(s) on its offline path%n", r.get("persona"), r.get("messages"));
                out.printf("%d calls, %d input tokens (%d cached, %d cache writes), %d output tokens: $%.4f%s%n", e.calls(),
                        e.inputTokens(), e.cachedInputTokens(), e.cacheWriteTokens(), e.outputTokens(), e.dollars(),
                        e.priced() ? "" : " (model not in the price table: dollars unknown)");
                for (String a : e.assumptions()) out.println("  assumes: " + a);
                for (String w : e.warnings()) out.println("  warning: " + w);
            }
            if (bill != null) {
                bill.print(out);
                if (e != null && e.dollars() > 0) {
                    out.printf("  orchestration is %.1f%% of the LLM tokens' $%.4f%n",
                            100 * bill.orchestrationDollars() / (e.dollars() * times), e.dollars() * times);
                }
            }
        }
        out.flush();
        return Main.OK;
    }

    /** The workflow as stored through the API: the file's text, or the suite's inline workflow. */
    private static String workflowText(InputFiles.Loaded loaded) {
        if (loaded.suite() != null && loaded.suite().workflowInline() != null) return Json.write(loaded.suite().workflowInline());
        String text = InputFiles.read(loaded.workflowPath());
        if (dev.rehearsal.importers.Importers.looksImportable(dev.rehearsal.engine.json.LocatedJson.parseFast(text))) {
            throw new IllegalStateException(loaded.workflowPath() + " is an exported flow: convert it with rehearse import first");
        }
        return text;
    }

    /** --template, else template.yaml in the working directory or the nearest folder above FILE that has one. */
    private Path templateFile() {
        if (template != null) return template;
        if (java.nio.file.Files.exists(Path.of("template.yaml"))) return Path.of("template.yaml");
        for (Path d = file.toAbsolutePath().getParent(); d != null; d = d.getParent()) {
            if (java.nio.file.Files.exists(d.resolve("template.yaml"))) return d.resolve("template.yaml");
        }
        throw new IllegalStateException("no template.yaml here or above " + file + ": pass --template");
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
