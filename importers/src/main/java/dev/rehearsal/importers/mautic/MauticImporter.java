package dev.rehearsal.importers.mautic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.importers.ImportOptions;
import dev.rehearsal.importers.Importer;
import dev.rehearsal.importers.Sources;

/**
 * Mautic campaigns: the Mautic 7 export ({@code campaign}, {@code campaign_event}, {@code email},
 * ...) or the REST API's {@code GET /api/campaigns/{id}}. Read by {@link MauticEvents}, converted by
 * {@link MauticConversion}. See docs/IMPORT.md.
 */
public final class MauticImporter implements Importer {
    @Override
    public Converted convert(JsonNode root, LocatedJson doc, ImportOptions options) {
        Sources src = new Sources(doc, "mautic export");
        MauticEvents events = MauticEvents.read(root, src);
        src.throwIfAny();
        Converted out = new MauticConversion(events, options, src).run();
        src.throwIfAny();
        return out;
    }
}
