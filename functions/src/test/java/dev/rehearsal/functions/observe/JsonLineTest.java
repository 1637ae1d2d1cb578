package dev.rehearsal.functions.observe;

import dev.rehearsal.engine.json.JsonTrees;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log and metrics lines written from plain values give the text a tree of the same values gives. */
class JsonLineTest {
    /** A plain mapper's tree (keys in insertion order, nulls kept), written as the tree writer writes it. */
    static String viaTree(Map<String, ?> m) {
        return JsonTrees.write(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(m));
    }

    @Test
    void theTextIsTheTreesText() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", "2026-11-28T11:00:00.123456Z");
        line.put("message", "quote \" backslash \\ newline \n tab \t control \u0001 e\u0301 \u2028 \ud83d\ude00");
        line.put("latencyMs", 12L);
        line.put("ratio", 0.1 + 0.2);
        line.put("big", 1e21);
        line.put("whole", 3.0);
        line.put("neg", -7L);
        line.put("ok", true);
        line.put("nothing", null);
        line.put("emptyList", List.of());
        List<Object> nested = new ArrayList<>(List.of("a", 1L, 2.5, false));
        nested.add(Map.of("k", "v"));
        line.put("nested", Map.of("list", nested));
        assertEquals(viaTree(line), JsonLine.write(line));
    }

    @Test
    void anEmfDocumentReadsBackWithItsMetricsAndDimensions() {
        Map<String, Object> doc = Metrics.of("api").dimension(Metrics.Dimension.Outcome, "ok").count("Requests", 1)
                .put("Latency", 12.5, "Milliseconds").property("runId", "run-1").document(1_700_000_000_000L);
        String text = JsonLine.write(doc);
        assertEquals(viaTree(doc), text);
        var tree = JsonTrees.read(text);
        assertEquals(1_700_000_000_000L, tree.at("/_aws/Timestamp").asLong());
        assertEquals("Rehearsal", tree.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
        assertEquals("[[\"Service\",\"Outcome\"]]", tree.at("/_aws/CloudWatchMetrics/0/Dimensions").toString());
        assertEquals("Latency", tree.at("/_aws/CloudWatchMetrics/0/Metrics/1/Name").asText());
        assertTrue(text.contains("\"Requests\":1,"), text);
        assertTrue(tree.get("Requests").isIntegralNumber(), "a count is written as an integer");
        assertEquals("api", tree.get("Service").asText());
        assertTrue(tree.get("Latency").isDouble());
        assertEquals("run-1", tree.get("runId").asText());
    }

    @Test
    void aValueOfAnotherKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JsonLine.write(Map.of("when", java.time.Instant.EPOCH)));
    }
}
