package dev.rehearsal.local.cli;

import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.importers.ImportOptions;
import dev.rehearsal.importers.ImportResult;
import dev.rehearsal.importers.Importers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Converts a Twilio Studio flow, a Mautic campaign or a Klaviyo flow into a Rehearsal workflow and prints
 * the mapping report. With {@code --out} the workflow goes to that file (written whole or not at
 * all) and the report to standard output; without it the workflow goes to standard output and the
 * report to standard error, so the command pipes.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Convert a flow exported from another tool into a Rehearsal workflow, with a mapping report.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the exported flow (JSON)")
    Path file;

    @Option(names = "--from", description = "twilio-studio, mautic or klaviyo (default: detected from the content)")
    String from;

    @Option(names = "--out", description = "write the workflow here (default: standard output)")
    Path out;

    @Option(names = "--id", description = "workflow id (default: from the file name)")
    String id;

    @Option(names = "--category", description = "marketing or transactional (default: marketing, the stricter rules)")
    String category;

    @Option(names = "--prompt", description = "for flows the lead starts: what the lead saw, e.g. \"Text JOIN to 55123\"")
    String prompt;

    @Option(names = "--opening", description = "for flows the lead starts: the lead's first message, fixed")
    String opening;

    @Option(names = "--format", defaultValue = "text", description = "mapping report as text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (category != null && !List.of("marketing", "transactional").contains(category)) {
            err.println("rehearse: --category must be marketing or transactional");
            err.flush();
            return Main.BAD_INPUT;
        }
        ImportResult r;
        try {
            r = Importers.fromText(from, InputFiles.read(file), new ImportOptions(id != null ? id : idFrom(file), category, prompt, opening));
        } catch (InvalidInputException e) {
            return ProblemPrinter.print(err, file.toString(), e);
        }
        String workflow = Json.pretty(r.definition());
        PrintWriter reportTo = out == null ? err : stdout;
        if (out == null) {
            stdout.println(workflow);
            stdout.flush();
        } else {
            try {
                write(out, workflow + "\n");
            } catch (IOException e) {
                err.println("rehearse: cannot write " + out + ": " + e.getMessage());
                err.flush();
                return Main.BAD_INPUT;
            }
        }
        if (format.equals("json")) {
            reportTo.println(Json.pretty(Map.of("format", r.format().wire(), "workflow", r.workflow().id(),
                    "counts", r.report().counts(), "entries", r.report().entries())));
            reportTo.flush();
        } else {
            r.report().print(reportTo);
            if (out != null) reportTo.println("Wrote " + out + " (" + r.workflow().steps().size() + " steps). Next: rehearse test " + out);
            reportTo.flush();
        }
        return Main.OK;
    }

    /** Through a temporary file beside the target, so a failed write never leaves half a workflow. */
    private static void write(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".import-", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** "patient-appointment-management.json" gives "patient-appointment-management". */
    static String idFrom(Path file) {
        String name = file.getFileName().toString().replaceAll("\\.(json|js)$", "").replaceAll("[^A-Za-z0-9_.:-]+", "-");
        name = name.replaceAll("^[^A-Za-z0-9]+", "");
        return name.isEmpty() ? "imported" : name.length() > 120 ? name.substring(0, 120) : name;
    }
}
