package dev.rehearsal.engine.persona;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seven built-in personas, loaded once from resources. */
public final class PersonaCatalog {
    public static final List<String> BUILT_IN_IDS = List.of(
            "eager-eddie", "skeptical-sarah", "busy-bob", "chatty-cathy", "cold-carl", "price-conscious-pam",
            "technical-tim");
    /** Read on first use: asking whether an id is built in (every custom persona's GET) reads none of them. */
    private static final class Loaded {
        static final Map<String, Persona> BUILT_INS = load();
    }

    private PersonaCatalog() {
    }

    private static Map<String, Persona> load() {
        Map<String, Persona> m = new LinkedHashMap<>();
        for (String id : BUILT_IN_IDS) {
            String path = "/personas/" + id + ".json";
            try (InputStream in = PersonaCatalog.class.getResourceAsStream(path)) {
                if (in == null) throw new IllegalStateException("missing built-in persona " + path);
                // Shipped with the code and schema-checked by PersonaCatalogTest: reading them without the schema
                // machinery keeps it out of a Lambda's first event (docs/PERFORMANCE.md, "Lambda cold start").
                Persona p = PersonaParser.parseTrusted(in.readAllBytes());
                m.put(id, p.withId(id, true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    public static List<Persona> builtIns() {
        return new ArrayList<>(Loaded.BUILT_INS.values());
    }

    public static Optional<Persona> builtIn(String id) {
        return isBuiltIn(id) ? Optional.of(Loaded.BUILT_INS.get(id)) : Optional.empty();
    }

    public static boolean isBuiltIn(String id) {
        return id != null && BUILT_IN_IDS.contains(id); // List.of rejects a null probe
    }
}
