package dev.rehearsal.engine.persona;

import dev.rehearsal.engine.json.Json;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The catalog reads its personas without the schema check; this is where they are checked. */
class PersonaCatalogTest {
    @Test
    void everyBuiltInPassesThePersonaSchemaAndReadsTheSameWithoutIt() throws Exception {
        for (String id : PersonaCatalog.BUILT_IN_IDS) {
            String text;
            try (InputStream in = PersonaCatalog.class.getResourceAsStream("/personas/" + id + ".json")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Persona checked = PersonaParser.parse(text).withId(id, true);   // throws on any schema problem
            assertEquals(Json.write(checked), Json.write(PersonaCatalog.builtIn(id).orElseThrow()), id);
        }
    }
}
