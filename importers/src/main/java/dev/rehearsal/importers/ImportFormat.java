package dev.rehearsal.importers;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The export formats Rehearsal reads; the wire name is what {@code --from} and the API's "format" take. */
public enum ImportFormat {
    TWILIO_STUDIO("twilio-studio"), MAUTIC("mautic"), KLAVIYO("klaviyo");

    private final String wire;

    ImportFormat(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<ImportFormat> fromWire(String s) {
        return Arrays.stream(values()).filter(f -> f.wire.equals(s)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(ImportFormat::wire).collect(Collectors.joining(", "));
    }

    /**
     * Recognises an export by its shape: Studio's {@code states[]} with {@code initial_state};
     * Mautic's campaign with {@code events[]} whose entries carry {@code eventType}; Klaviyo's flow
     * definition with {@code actions[]} and {@code entry_action_id} (also inside JSON:API's
     * {@code data.attributes.definition}). Empty when none fits.
     */
    public static Optional<ImportFormat> detect(JsonNode root) {
        if (root == null || !root.isObject()) return Optional.empty();
        if (root.has("states") && root.has("initial_state")) return Optional.of(TWILIO_STUDIO);
        if (root.path("campaign_event").isArray()) return Optional.of(MAUTIC);
        JsonNode campaign = root.has("campaign") ? root.get("campaign") : root;
        if (campaign.path("events").isArray() || campaign.path("events").isObject()) {
            for (JsonNode e : campaign.path("events")) if (e.has("eventType")) return Optional.of(MAUTIC);
        }
        JsonNode def = root.path("data").path("attributes").path("definition");
        if (def.isMissingNode()) def = root.has("definition") ? root.get("definition") : root;
        if (def.has("actions") && def.has("entry_action_id")) return Optional.of(KLAVIYO);
        return Optional.empty();
    }
}
