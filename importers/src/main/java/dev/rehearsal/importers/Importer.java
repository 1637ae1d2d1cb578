package dev.rehearsal.importers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.LocatedJson;

import java.util.List;

/** Converts one export format. Problems with the source are reported through {@link Sources}. */
public interface Importer {
    /** The workflow JSON and the mapping of every source element (source problems throw). */
    record Converted(ObjectNode workflow, List<Mapping> mappings, java.util.Map<String, String> stepSources) {
    }

    /** {@code doc} is null when the source came without its text (an API body already parsed). */
    Converted convert(JsonNode root, LocatedJson doc, ImportOptions options);
}
