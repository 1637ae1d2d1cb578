package dev.rehearsal.local.runtime;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * api/openapi.yaml and template.yaml name the same routes (the catch-all, which only turns unrouted
 * methods into the API's 405, aside) and each route asks for the same scopes, so neither can change
 * without the other.
 */
class OpenApiTemplateParityTest {
    static final String CATCH_ALL = "ANY /{proxy+}";

    @Test
    void everyTemplateRouteIsDocumentedWithItsScopesAndNothingElseIs() throws Exception {
        SamTemplate t = SamTemplate.load(RuntimeFixture.projectFile("template.yaml"));
        Map<String, Object> doc = map(new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(RuntimeFixture.projectFile("api/openapi.yaml"))));
        Map<String, TreeSet<String>> documented = new TreeMap<>();
        List<?> defaultSecurity = (List<?>) doc.get("security");
        for (Map.Entry<String, Object> path : map(doc.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> op : map(path.getValue()).entrySet()) {
                if (op.getKey().equals("parameters")) continue;
                Object security = map(op.getValue()).getOrDefault("security", defaultSecurity);
                TreeSet<String> scopes = new TreeSet<>();
                for (Object alternative : (List<?>) security) {
                    for (Object s : (List<?>) map(alternative).get("CrmJwt")) scopes.add((String) s);
                }
                documented.put(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), scopes);
            }
        }
        Map<String, TreeSet<String>> deployed = new TreeMap<>();
        for (String route : t.routes().keySet()) {
            if (route.equals(CATCH_ALL)) continue;
            deployed.put(route, new TreeSet<>(t.routeScopes().getOrDefault(route, List.of())));
        }
        assertEquals(deployed, documented, "routes and scopes: template.yaml (expected) vs api/openapi.yaml");
        Map<String, Object> flow = map(map(map(map(map(doc.get("components")).get("securitySchemes")).get("CrmJwt"))
                .get("flows")).get("clientCredentials"));
        assertEquals(List.of("rehearsal/act-for-account", "rehearsal/read", "rehearsal/write"),
                new ArrayList<>(new TreeSet<>(map(flow.get("scopes")).keySet())), "the scopes a token may carry");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
