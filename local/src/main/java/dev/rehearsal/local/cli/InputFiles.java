package dev.rehearsal.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.expect.Suite;
import dev.rehearsal.engine.expect.SuiteParser;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.persona.PersonaParser;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import dev.rehearsal.importers.ImportOptions;
import dev.rehearsal.importers.Importers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads workflows, suites and personas from files, reporting problems with the file's name. */
final class InputFiles {
    private InputFiles() {
    }

    /** A workflow file or a suite file, resolved to what a run needs. */
    record Loaded(Workflow workflow, Suite suite, Path workflowPath, LocatedJson suiteDocument) {
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(p.toString(), List.of(new Problem("", 0, 0, "unreadable",
                    "cannot read " + p + ": " + e.getMessage())));
        }
    }

    static Loaded load(Path file) {
        Loaded early = Preload.take(file);
        return early != null ? early : loadNow(file);
    }

    /** Reads the file now (what {@link Preload} does on its own thread). */
    static Loaded loadNow(Path file) {
        String text = read(file);
        // Most files are valid workflows: read those streaming, without a tree or positions (a 100k-step one
        // would otherwise hold a position for every value); anything else is read with positions below.
        Workflow valid = WorkflowParser.parseValid(text);
        if (valid != null) return new Loaded(valid, null, file, null);
        LocatedJson doc;
        try {
            doc = LocatedJson.parse(text);
        } catch (LocatedJson.MalformedJsonException e) {
            throw new InvalidInputException(file.toString(), List.of(new Problem("", e.where().line(), e.where().column(),
                    "malformed_json", "malformed JSON: " + e.getMessage())));
        }
        if (SuiteParser.looksLikeSuite(doc.root())) {
            Suite suite = SuiteParser.parse(doc.root(), doc);
            Path wfPath = null;
            Workflow wf;
            JsonNode supplied = doc.root().get("inputs");
            JsonNode definition;
            if (suite.workflowRef() != null) {
                Path parent = file.toAbsolutePath().getParent();
                wfPath = parent.resolve(suite.workflowRef()).normalize();
                wf = workflow(wfPath);
                definition = dev.rehearsal.engine.workflow.SuppliedInputs.any(supplied) ? definition(wfPath) : null;
            } else {
                definition = suite.workflowInline();
                WorkflowParser.Result r = WorkflowParser.parse(suite.workflowInline());
                if (!r.ok()) {
                    // Problems of the inline workflow, located in the suite file it sits in.
                    throw new InvalidInputException(file.toString(), r.problems().stream()
                            .map(p -> Problem.at(doc, "/workflow" + p.pointer(), p.code(), p.message())).toList());
                }
                wf = r.workflow();
            }
            // Data the workflow tests but the simulation does not produce, given by the suite (docs/VALIDATION.md).
            wf = dev.rehearsal.engine.workflow.SuppliedInputs.apply(wf, definition, supplied);
            return new Loaded(wf, suite, wfPath, doc);
        }
        if (Importers.looksImportable(doc.root())) return new Loaded(imported(file, text), null, file, null);
        WorkflowParser.Result r = WorkflowParser.parse(doc);
        if (!r.ok()) throw new InvalidInputException(file.toString(), r.problems());
        return new Loaded(r.workflow(), null, file, null);
    }

    /** A flow exported from Twilio Studio (or another supported tool), converted as `rehearse import` would. */
    private static Workflow imported(Path file, String text) {
        try {
            return Importers.fromText(null, text, ImportOptions.withId(ImportCommand.idFrom(file))).workflow();
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file.toString(), e.problems());
        }
    }

    /** The definition a workflow file holds (converted when it is an export), as {@link #workflow} reads it. */
    private static JsonNode definition(Path file) {
        String text = read(file);
        JsonNode tree = LocatedJson.parseFast(text);
        if (!Importers.looksImportable(tree)) return tree;
        return Importers.fromText(null, text, ImportOptions.withId(ImportCommand.idFrom(file))).definition();
    }

    static Workflow workflow(Path file) {
        String text = read(file);
        if (Importers.looksImportable(LocatedJson.parseFast(text))) return imported(file, text);
        WorkflowParser.Result r = WorkflowParser.parse(text);
        if (!r.ok()) throw new InvalidInputException(file.toString(), r.problems());
        return r.workflow();
    }

    /** "all", a comma-separated list of ids, or persona files (*.json). */
    /**
     * Personas named on the command line ({@code selector}: files relative to the current directory),
     * else the suite's (files relative to the suite), else the seven built-ins.
     */
    static List<Persona> personas(String selector, Suite suite, Path base) {
        if (selector != null && !selector.isBlank()) {
            if (selector.equals("all")) return PersonaCatalog.builtIns();
            List<Persona> out = new ArrayList<>();
            for (String id : selector.split(",")) out.add(persona(id.trim(), null));
            return out;
        }
        if (suite == null || suite.personaRefs().isEmpty()) return PersonaCatalog.builtIns();
        List<Persona> out = new ArrayList<>();
        for (JsonNode ref : suite.personaRefs()) {
            if (ref.isTextual()) out.add(persona(ref.asText(), base));
            else {
                Persona p = PersonaParser.parse(ref);
                out.add(p.id() != null ? p : p.withId(slug(p.name()), false));
            }
        }
        return out;
    }

    private static Persona persona(String ref, Path base) {
        if (ref.endsWith(".json")) {
            Path p = base == null ? Path.of(ref) : base.resolve(ref);
            Persona persona;
            try {
                persona = PersonaParser.parse(read(p));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(p.toString(), e.problems()); // name the persona file, not the workflow
            }
            return persona.id() != null ? persona : persona.withId(slug(persona.name()), false);
        }
        return PersonaCatalog.builtIn(ref).orElseThrow(() -> new InvalidInputException("personas", List.of(
                new Problem("", 0, 0, "unknown_persona", "unknown persona '" + ref + "' (built-ins: "
                        + String.join(", ", PersonaCatalog.BUILT_IN_IDS) + ")"))));
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    static String json(Object o) {
        return Json.pretty(o);
    }
}
