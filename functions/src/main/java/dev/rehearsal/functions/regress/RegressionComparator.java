package dev.rehearsal.functions.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Baseline digest vs. new digest: score drop, newly failing expectation, changed persona path, new issue. */
public final class RegressionComparator {
    private RegressionComparator() {
    }

    public static List<ObjectNode> compare(JsonNode baseline, JsonNode current) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode cur : current.path("entries")) {
            String wf = cur.path("workflow").asText();
            JsonNode old = null;
            for (JsonNode b : baseline.path("entries")) if (b.path("workflow").asText().equals(wf)) old = b;
            if (old == null) continue;
            if (cur.path("score").asInt() < old.path("score").asInt()) {
                out.add(finding("score_drop", wf, "score " + old.path("score").asInt() + " -> " + cur.path("score").asInt()));
            }
            for (Iterator<String> it = cur.path("expectations").fieldNames(); it.hasNext(); ) {
                String e = it.next();
                if (!cur.path("expectations").path(e).asBoolean() && old.path("expectations").path(e).asBoolean(false)) {
                    out.add(finding("expectation_now_failing", wf, e));
                }
            }
            for (Iterator<String> it = cur.path("paths").fieldNames(); it.hasNext(); ) {
                String p = it.next();
                JsonNode before = old.path("paths").get(p);
                if (before != null && !before.equals(cur.path("paths").get(p))) {
                    out.add(finding("path_changed", wf, p + ": " + join(before) + " -> " + join(cur.path("paths").get(p))));
                }
            }
            Set<String> oldIssues = new HashSet<>();
            old.path("issues").forEach(i -> oldIssues.add(i.asText()));
            cur.path("issues").forEach(i -> {
                if (!oldIssues.contains(i.asText())) out.add(finding("new_issue", wf, i.asText()));
            });
        }
        return out;
    }

    private static String join(JsonNode arr) {
        List<String> s = new ArrayList<>();
        arr.forEach(n -> s.add(n.asText()));
        return String.join(" > ", s);
    }

    private static ObjectNode finding(String kind, String workflow, String detail) {
        return Json.mapper().createObjectNode().put("kind", kind).put("workflow", workflow).put("detail", detail);
    }
}
