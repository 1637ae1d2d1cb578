package dev.rehearsal.importers.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.importers.ImportOptions;
import dev.rehearsal.importers.Importer;
import dev.rehearsal.importers.Sources;

/**
 * Twilio Studio flow definitions (the Studio UI's export, {@code GET /v2/Flows/{sid}}'s
 * {@code definition}). The source is checked first ({@link StudioShape}); the conversion itself is
 * {@link StudioConversion}. See docs/IMPORT.md for the mapping table.
 */
public final class TwilioStudioImporter implements Importer {
    @Override
    public Converted convert(JsonNode root, LocatedJson doc, ImportOptions options) {
        Sources src = new Sources(doc, "twilio-studio export");
        StudioShape.check(root, src);
        src.throwIfAny();
        StudioConversion c = new StudioConversion(root, options, src);
        Converted out = c.run();
        src.throwIfAny();
        return out;
    }
}
