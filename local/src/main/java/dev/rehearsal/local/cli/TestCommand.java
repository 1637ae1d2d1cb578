package dev.rehearsal.local.cli;

import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.ExpectationEvaluator;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.report.JUnitXmlRenderer;
import dev.rehearsal.engine.report.JsonReportRenderer;
import dev.rehearsal.engine.report.MarkdownReportRenderer;
import dev.rehearsal.engine.report.MermaidRenderer;
import dev.rehearsal.engine.report.TextReportRenderer;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.stats.Runs;
import dev.rehearsal.engine.stats.Verdict;
import dev.rehearsal.html.HtmlReportRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/** Walks personas through a workflow or a suite and prints the report. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Simulate personas through a workflow (or a suite) and report.")
final class TestCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("text", "markdown", "json", "junit", "html", "mermaid");

    @Parameters(paramLabel = "FILE", description = "workflow or suite JSON file")
    Path file;

    @Mixin
    WalkOptions walk = new WalkOptions();

    @Option(names = "--format", defaultValue = "text", description = "text (for terminals), markdown, json, junit, html (one self-contained page) or mermaid (the graph "
                    + "with coverage) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", description = "write the report to this file instead of standard output")
    Path out;

    @Option(names = "--transcripts", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "include each persona's transcript in text, markdown output (default: ${DEFAULT-VALUE})")
    boolean transcripts;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Option(names = "--runs", description = "walks per persona: a number or auto (default: the suite's, else auto offline, 1 with an LLM provider)")
    String runs;

    @Option(names = "--concurrency", description = "walks in flight at once (default: every core offline, 8 with an LLM provider)")
    Integer concurrency;

    @Option(names = "--hunt", description = "on or off: search scripted leads for transitions no persona took "
            + "(no LLM calls; default: on with the offline engine, off with an LLM provider)")
    String hunt;

    @Option(names = "--contacts", description = "a contact sample (CSV export from the CRM, header row first): each row walks once "
            + "with its real fields and a built-in persona's behaviour; prints contacts per branch, missing merge fields, "
            + "quiet-hours deferrals and frequency caps")
    Path contacts;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "LLM provider (default: the offline persona engine)%n")
    ProviderOptions provider = new ProviderOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        BadInput bad = new BadInput(spec, format);
        if (!FORMATS.contains(format)) {
            return bad.message("invalid_format", "unknown --format '" + format + "' (" + String.join(", ", FORMATS) + ")");
        }
        // An LLM provider's client and tokenizer load on a background thread while the workflow is read.
        ProviderOptions.Pending pendingJobs = provider.start();
        InputFiles.Loaded loaded;
        List<Persona> people;
        SimulationOptions options;
        try {
            loaded = InputFiles.load(file);
            Path base = file.toAbsolutePath().getParent();
            people = walk.personas(loaded, base);
            options = walk.simulation(loaded);
        } catch (InvalidInputException e) {
            return bad.problems(file.toString(), e);
        } catch (DateTimeParseException e) {
            return bad.message("invalid_start", walk.badStart());
        }
        List<ContactSample.Row> sample = null;
        if (contacts != null) {
            try {
                sample = ContactSample.read(contacts);
            } catch (InvalidInputException e) {
                return bad.problems(contacts.toString(), e);
            }
            people = ContactSample.personas(sample, people);
            if (runs == null) runs = "1";
        }
        List<Expectation> expectations = loaded.suite() == null ? List.of() : loaded.suite().expectations();
        List<Problem> wrong = ExpectationEvaluator.problems(expectations, loaded.workflow(),
                people.stream().map(Persona::id).collect(java.util.stream.Collectors.toSet()));
        if (!wrong.isEmpty()) {
            LocatedJson doc = loaded.suiteDocument();
            return bad.problems(file.toString(), new InvalidInputException(file.toString(), wrong.stream()
                    .map(p -> Problem.at(doc, "/expectations" + p.pointer(), p.code(), p.message())).toList()));
        }
        // While an LLM provider's client is still being built (a second or so on a cold JVM), each persona walks once
        // with the offline engine and the walks are thrown away: the simulator's first-use code (reply reading,
        // conditions, compliance, traits) is then loaded and compiled before the real walks start, not on the two
        // cores their first requests are being built on (docs/PERFORMANCE.md, "Fourth round"). Nothing is kept.
        EngineWarmUp.walkOnce(loaded.workflow(), people, options, pendingJobs::ready);
        ProviderOptions.Jobs jobs;
        try {
            jobs = pendingJobs.get();
        } catch (IllegalArgumentException e) {
            return bad.message("invalid_provider", e.getMessage());
        }
        if (hunt != null && !List.of("on", "off").contains(hunt)) {
            return bad.message("invalid_hunt", "unknown --hunt '" + hunt + "' (on, off)");
        }
        boolean hunting = hunt == null ? jobs.offline() : hunt.equals("on");
        Runs plan;
        try {
            plan = runs(runs, loaded, jobs.offline());
        } catch (IllegalArgumentException e) {
            return bad.message("invalid_runs", "--runs: " + e.getMessage());
        }
        String tooMany = plan.problem(people.size(), !jobs.offline());
        if (tooMany != null) {
            return bad.message("run_too_large", tooMany + " (docs/REPORT.md, \"Runs\")");
        }
        if (concurrency != null && (concurrency < 1 || concurrency > 64)) {
            return bad.message("invalid_concurrency", "--concurrency must be between 1 and 64, not " + concurrency);
        }
        if (jobs.offline() && loaded.workflow().settings().wantsLlmReplyClassifier()) {
            err.println("rehearse: warning: the workflow's reply_classifier is llm, but an offline run reads replies with "
                    + "the code rules (give --provider to use the LLM classifier)");
        }
        // Model and price warnings go to stderr now and into the report (run.warnings), where they last.
        java.util.List<String> modelWarnings = jobs.offline() ? java.util.List.of() : jobs.bundle().prices().warnings(
                jobs.bundle().config().model(), java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        for (String w : modelWarnings) err.println("rehearse: warning: " + w);
        int parallel = concurrency != null ? concurrency : jobs.offline() ? Runtime.getRuntime().availableProcessors() : 8;
        if (!quiet) {
            err.println("Rehearsing '" + loaded.workflow().name() + "' with " + people.size() + " persona(s), seed "
                    + options.seed() + ", " + (jobs.offline() ? "offline persona engine" : jobs.responder().name())
                    + ", " + (plan.isAuto() ? "walks: auto (until every expectation is decided)" : plan.fixed() + " walk(s) each"));
            if (!jobs.offline() && !plan.isAuto() && plan.fixed() == 1 && runs == null) {
                err.println("  One walk per persona with an LLM: verdicts are single samples. Add --runs N (see rehearse estimate) for rates.");
            }
        }
        // REHEARSE_TIMINGS=1: phase times on stderr for the benchmarks (docs/PERFORMANCE.md, "Many walks per persona").
        long rehearsalStart = System.nanoTime();
        long[] lastWalkDone = {rehearsalStart};
        Report report = Rehearsal.run(new Rehearsal.Spec(loaded.workflow(), people, jobs.responder(), options,
                expectations, jobs.offline() ? null : jobs.bundle().analyst(),
                jobs.offline() ? null : jobs.bundle().recommender(),
                (persona, walks, planned) -> {
                    synchronized (lastWalkDone) {
                        lastWalkDone[0] = Math.max(lastWalkDone[0], System.nanoTime());
                    }
                    progress(err, persona, walks, planned, expectations);
                }, plan, parallel,
                jobs.offline() ? null : jobs.bundle().classifierFor(loaded.workflow().settings()), hunting));
        if (System.getenv("REHEARSE_TIMINGS") != null) Timings.print(err, rehearsalStart, lastWalkDone[0]);
        if (!modelWarnings.isEmpty()) report = report.withRun(report.run().withWarnings(modelWarnings));
        String rendered = switch (format) {
            case "json" -> JsonReportRenderer.render(report);
            case "junit" -> JUnitXmlRenderer.render(report);
            case "html" -> HtmlReportRenderer.render(Json.tree(report), loaded.workflow());
            case "mermaid" -> MermaidRenderer.render(report, loaded.workflow());
            case "markdown" -> MarkdownReportRenderer.render(report, transcripts);
            default -> TextReportRenderer.render(report, transcripts);
        };
        if (out != null) {
            try {
                if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("rehearse: cannot write " + out + ": " + e.getMessage());
                return Main.BAD_INPUT;
            }
            if (!quiet) err.println("Report written to " + out);
        } else {
            spec.commandLine().getOut().print(rendered);
            spec.commandLine().getOut().flush();
        }
        if (sample != null) err.print(ContactSample.summary(loaded.workflow(), report, sample, people, contacts));
        if (!quiet) err.println(report.summary());
        if (!quiet && !jobs.offline()) {
            var u = jobs.bundle().usage();
            err.printf("LLM usage: %d calls, %d input tokens (%d cached), %d output tokens, $%.4f%n", u.calls(),
                    u.inputTokens(), u.cachedInputTokens(), u.outputTokens(), jobs.bundle().cost());
        }
        err.flush();
        return exitCode(report.verdictOrPassed());
    }

    static int exitCode(Verdict v) {
        return switch (v) {
            case PASS -> Main.OK;
            case FAIL -> Main.FAILED;
            case UNDECIDED, INCONCLUSIVE -> Main.UNDECIDED;
        };
    }

    /** --runs wins over the suite's runs; then auto offline (walks cost microseconds) and 1 with an LLM. */
    static Runs runs(String flag, InputFiles.Loaded loaded, boolean offline) {
        if (flag != null) return Runs.parse(flag);
        if (loaded.suite() != null && loaded.suite().runs() != null) return loaded.suite().runs();
        return offline ? Runs.auto() : Runs.of(1);
    }

    /** One line per persona: its walk (or walks done / planned, goals and pass rates so far). */
    private void progress(PrintWriter err, Persona persona, List<PersonaRun> walks, int planned,
                          List<Expectation> expectations) {
        if (quiet || walks.isEmpty()) return;
        if (planned == 1) {
            PersonaRun run = walks.get(0);
            var c = run.session().contact;
            long sent = run.interactions().stream().filter(i -> i.message() != null).count();
            long replies = run.interactions().stream().filter(i -> i.reply() != null && i.reply().replied()).count();
            err.printf("  %-20s %2d steps, %d sent, %d replies, ended: %s%s%n", persona.name(),
                    run.interactions().size(), sent, replies, run.session().endReason.wire(),
                    c.goals.isEmpty() ? "" : " (goal: " + String.join(", ", c.goals) + ")");
        } else {
            long goals = walks.stream().filter(w -> !w.session().contact.goals.isEmpty()).count();
            long paths = walks.stream().map(PersonaRun::path).distinct().count();
            StringBuilder rates = new StringBuilder();
            for (var r : ExpectationEvaluator.evaluate(expectations, walks)) {
                rates.append(rates.length() == 0 ? "; expectations " : ", ").append(r.passes()).append('/').append(r.trials());
            }
            err.printf("  %-20s %d/%d walks, %d path(s), goal in %d%%%s%n", persona.name(), walks.size(), planned, paths,
                    Math.round(100.0 * goals / walks.size()), rates);
        }
        err.flush();
    }
}
