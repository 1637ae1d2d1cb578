package dev.rehearsal.importers.klaviyo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.importers.ImportOptions;
import dev.rehearsal.importers.Importer;
import dev.rehearsal.importers.Sources;

/**
 * Klaviyo flow definitions ({@code GET /api/flows/{id}?additional-fields[flow]=definition}, or the
 * definition alone): {@code entry_action_id} and {@code actions[]} linked by {@code links.next},
 * {@code next_if_true}, {@code next_if_false}. Converted by {@link KlaviyoConversion}.
 */
public final class KlaviyoImporter implements Importer {
    @Override
    public Converted convert(JsonNode root, LocatedJson doc, ImportOptions options) {
        Sources src = new Sources(doc, "klaviyo export");
        String base = root.path("data").path("attributes").has("definition") ? "/data/attributes/definition"
                : root.has("definition") ? "/definition" : "";
        JsonNode def = base.isEmpty() ? root : root.at(base);
        String name = root.path("data").path("attributes").path("name").asText(root.path("name").asText(""));
        KlaviyoConversion c = new KlaviyoConversion(def, base, name, options, src);
        c.check();
        src.throwIfAny();
        Converted out = c.run();
        src.throwIfAny();
        return out;
    }
}
