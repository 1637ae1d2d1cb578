package dev.rehearsal.importers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.engine.workflow.WorkflowParser;
import dev.rehearsal.importers.klaviyo.KlaviyoImporter;
import dev.rehearsal.importers.mautic.MauticImporter;
import dev.rehearsal.importers.twilio.TwilioStudioImporter;

import java.util.ArrayList;
import java.util.List;


/**
 * The one door to importing: picks the format (given, or detected from the content), converts,
 * and parses the result as any workflow is parsed, so an import that yields an invalid workflow
 * is refused with problems located in the source rather than stored half-right.
 */
public final class Importers {
    private Importers() {
    }

    /** From a file's text: problems carry line and column. */
    public static ImportResult fromText(String format, String text, ImportOptions options) {
        LocatedJson doc;
        try {
            doc = LocatedJson.parse(text);
        } catch (LocatedJson.MalformedJsonException e) {
            throw new InvalidInputException("export", List.of(new Problem("", e.where().line(), e.where().column(),
                    "malformed_json", "malformed JSON (truncated or not an export?): " + e.getMessage())));
        }
        return convert(format, doc.root(), doc, options);
    }

    /** From a tree already parsed (an API body): problems carry JSON pointers only. */
    public static ImportResult fromTree(String format, JsonNode tree, ImportOptions options) {
        return convert(format, tree, null, options);
    }

    /** True when the document looks like an export Rehearsal can import. */
    public static boolean looksImportable(JsonNode root) {
        return ImportFormat.detect(root).isPresent();
    }

    private static ImportResult convert(String formatName, JsonNode root, LocatedJson doc, ImportOptions options) {
        ImportFormat format = format(formatName, root);
        Importer.Converted c = importer(format).convert(root, doc, options);
        WorkflowParser.Result parsed = WorkflowParser.parse(c.workflow());
        if (!parsed.ok()) throw new InvalidInputException(format.wire() + " export", located(parsed.problems(), c, doc));
        return new ImportResult(format, c.workflow(), parsed.workflow(), new MappingReport(format.wire(), c.mappings()));
    }

    private static ImportFormat format(String name, JsonNode root) {
        if (name != null) {
            return ImportFormat.fromWire(name).orElseThrow(() -> new InvalidInputException("import", List.of(
                    new Problem("/format", 0, 0, "unknown_format", "unknown import format '" + name
                            + "' (expected one of: " + ImportFormat.wireNames() + ")"))));
        }
        return ImportFormat.detect(root).orElseThrow(() -> new InvalidInputException("import", List.of(
                new Problem("", 0, 0, "unrecognised_format", "not an export Rehearsal recognises: expected a Twilio "
                        + "Studio flow (states, initial_state), a Mautic campaign (events with eventType) or a Klaviyo "
                        + "flow (actions, entry_action_id)"))));
    }

    static Importer importer(ImportFormat f) {
        return switch (f) {
            case TWILIO_STUDIO -> new TwilioStudioImporter();
            case MAUTIC -> new MauticImporter();
            case KLAVIYO -> new KlaviyoImporter();
        };
    }

    /**
     * Problems of the generated workflow (a size limit, a too-long message) told where they come from
     * in the source: the element each step was made from.
     */
    private static List<Problem> located(List<Problem> problems, Importer.Converted c, LocatedJson doc) {
        List<Problem> out = new ArrayList<>();
        JsonNode steps = c.workflow().path("steps");
        for (Problem p : problems) {
            String source = "";
            var m = java.util.regex.Pattern.compile("^/steps/(\\d+)").matcher(p.pointer());
            if (m.find()) {
                int i = Integer.parseInt(m.group(1));
                source = c.stepSources().getOrDefault(steps.path(i).path("id").asText(), "");
            }
            out.add(Problem.at(doc, source, p.code(), "the imported workflow would be invalid at " + p.pointer()
                    + ": " + p.message()));
        }
        return out;
    }

}
