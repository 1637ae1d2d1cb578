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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        InputFiles.Loaded loaded;
        try {
            loaded = InputFiles.load(file);
        } catch (InvalidInputException e) {
            return new BadInput(spec, format).problems(file.toString(), e);
        }
        List<Issue> issues = Validators.validate(loaded.workflow());
        boolean failed = issues.stream().anyMatch(i -> i.severity().failsRun());
        if (format.equals("json")) {
            out.println(Json.pretty(Map.of("workflow", loaded.workflow().id(), "valid", !failed, "issues", issues)));
        } else {
            out.println(loaded.workflow().name() + ": " + loaded.workflow().steps().size() + " steps, "
                    + issues.size() + " finding(s)" + (failed ? " — FAILED" : " — OK"));
            for (Issue i : issues) {
                out.println("  " + i.severity().wire().toUpperCase(java.util.Locale.ROOT) + " " + i.type()
                        + (i.stepId() == null ? "" : " at " + i.stepId()) + ": " + i.message());
                if (i.suggestion() != null) out.println("      fix: " + i.suggestion());
            }
        }
        out.flush();
        return failed ? Main.FAILED : Main.OK;
    }
}
