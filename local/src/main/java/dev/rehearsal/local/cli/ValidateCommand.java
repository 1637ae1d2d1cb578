package dev.rehearsal.local.cli;

import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Validators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Parses and statically validates a workflow (or a suite's workflow) without simulating anyone. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a workflow's structure, messages and compliance without running personas.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "workflow or suite JSON file")
    Path file;

    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})", defaultValue = "text")
    String format;

    @Option(names = "--spamassassin", description = "also run the local SpamAssassin (spamassassin -t -L) on each email, "
            + "rendered as a full MIME message, and print its score and rule hits beside Rehearsal's")
    boolean spamAssassin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        var out = spec.commandLine().getOut();
        InputFiles.Loaded loaded;
        try {
            loaded = InputFiles.load(file);
        } catch (InvalidInputException e) {
            return new BadInput(spec, format).problems(file.toString(), e);
        }
        long read = System.nanoTime();
        List<Issue> issues = Validators.validate(loaded.workflow());
        long validated = System.nanoTime();
        boolean failed = issues.stream().anyMatch(i -> i.severity().failsRun());
        List<SpamAssassinReport.Email> sa = List.of();
        if (spamAssassin) {
            try {
                sa = SpamAssassinReport.check(loaded.workflow());
            } catch (SpamAssassinReport.Unavailable e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return Main.BAD_INPUT;
            }
        }
        if (format.equals("json")) {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("workflow", loaded.workflow().id());
            body.put("valid", !failed);
            body.put("issues", issues);
            if (spamAssassin) body.put("spamassassin", sa);
            Json.prettyTo(out, body);
            out.println();
        } else {
            out.println(loaded.workflow().name() + ": " + loaded.workflow().steps().size() + " steps, "
                    + issues.size() + " finding(s)" + (failed ? " — FAILED" : " — OK"));
            for (Issue i : issues) {
                out.println("  " + i.severity().wire().toUpperCase(java.util.Locale.ROOT) + " " + i.type()
                        + (i.stepId() == null ? "" : " at " + i.stepId()) + ": " + i.message());
                if (i.suggestion() != null) out.println("      fix: " + i.suggestion());
            }
            if (spamAssassin) SpamAssassinReport.print(sa, out);
        }
        out.flush();
        if (System.getenv("REHEARSE_TIMINGS") != null) Timings.printValidate(spec.commandLine().getErr(), start, read, validated);
        return failed ? Main.FAILED : Main.OK;
    }
}
