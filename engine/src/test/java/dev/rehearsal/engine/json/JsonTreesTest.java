package dev.rehearsal.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.TestWorkflows;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trees read and written without the mapper give the mapper's nodes (same node classes) and the mapper's text. */
class JsonTreesTest {
    static final List<String> ODD = List.of(
            "{\"a\":1,\"b\":-2147483649,\"c\":123456789012345678901234567890,\"d\":1.5,\"e\":1e400,\"f\":-0.0,\"g\":2E-3}",
            "[true,false,null,\"\\u0000\\u2028 é \\\"q\\\"\",[],{},[[{\"x\":[1]}]]]",
            "{\"dup\":1,\"dup\":{\"later\":\"wins\"}}",
            "\"just a string\"", "42", "0.1", "null");

    static List<String> documents() throws IOException {
        List<String> docs = new ArrayList<>(ODD);
        Path repo = TestWorkflows.examples().getParent();
        for (Path dir : List.of(repo.resolve("examples"), repo.resolve("events/api"), repo.resolve("engine/src/main/resources/offline"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) docs.add(Files.readString(f));
            }
        }
        assertTrue(docs.size() > 15, "documents: " + docs.size());
        return docs;
    }

    @Test
    void readsTheTreeTheMapperReads() throws IOException {
        for (String doc : documents()) {
            JsonNode mapper = Json.mapper().readTree(doc);
            JsonNode ours = JsonTrees.read(doc);
            assertEquals(mapper, ours, doc);
            assertSameNodeClasses(mapper, ours);
            assertEquals(mapper, JsonTrees.read(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8))));
        }
        assertNull(JsonTrees.read(""));
    }

    @Test
    void writesTheTextTheMapperWrites() throws IOException {
        for (String doc : documents()) {
            JsonNode tree = Json.mapper().readTree(doc);
            assertEquals(Json.write(tree), JsonTrees.write(tree), doc);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonTrees.write(out, tree);
            assertEquals(Json.write(tree), out.toString(StandardCharsets.UTF_8));
        }
        ObjectNode built = JsonNodeFactory.instance.objectNode();
        built.put("double", 201.0).put("float", 1.25f).put("long", Long.MIN_VALUE).put("short", (short) 7)
                .put("big", new BigDecimal("1.50")).put("bigint", BigInteger.TEN.pow(30)).putNull("none");
        built.putPOJO("pojo", List.of("mapper", "writes", "this"));
        built.put("bytes", new byte[]{1, 2, 3});
        assertEquals(Json.write(built), JsonTrees.write(built));
    }

    static void assertSameNodeClasses(JsonNode a, JsonNode b) {
        assertEquals(a.getClass(), b.getClass(), a.toString());
        if (a.isContainerNode()) {
            for (int i = 0; i < a.size(); i++) {
                if (a.isArray()) assertSameNodeClasses(a.get(i), b.get(i));
            }
            a.properties().forEach(e -> assertSameNodeClasses(e.getValue(), b.get(e.getKey())));
        }
    }
}
