package dev.rehearsal.functions.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.expect.Expectation;
import dev.rehearsal.engine.expect.SuiteParser;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.stats.Runs;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.Store;

import java.io.IOException;
import java.util.List;

/**
 * What a run was asked to walk beyond its record: {@code runs} (a number, or auto: looks of 30, 60, 120, 240
 * and 480 walks until every expectation is decided) and the expectations judged over the walks. Stored
 * beside the run (RunRepository.putPlan); a run without a plan walks its record's walks with no expectations.
 */
public record RunPlan(Runs runs, List<Expectation> expectations, JsonNode expectationsJson) {

    /** The plan of a run that has none stored: its fixed walks, no expectations. */
    public static RunPlan of(RunRecord run) {
        return new RunPlan(Runs.of(run.walks()), List.of(), Json.mapper().createArrayNode());
    }

    public static RunPlan read(Store store, RunRecord run) {
        String doc = store.runs().plan(run.accountId(), run.runId()).orElse(null);
        if (doc == null) return of(run);
        try {
            JsonNode n = Json.mapper().readTree(doc);
            JsonNode ex = n.path("expectations").isArray() ? n.get("expectations") : Json.mapper().createArrayNode();
            Runs runs = "auto".equals(n.path("runs").asText()) ? Runs.auto() : Runs.of(run.walks());
            return new RunPlan(runs, SuiteParser.expectations(ex), ex);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored plan of run " + run.runId() + " is unreadable", e);
        }
    }

    /** The stored document: runs ("auto" or the number) and the expectations as the request gave them. */
    public static String document(Runs runs, JsonNode expectations) {
        ObjectNode out = Json.mapper().createObjectNode();
        if (runs.isAuto()) out.put("runs", "auto");
        else out.put("runs", runs.fixed());
        out.set("expectations", expectations == null ? Json.mapper().createArrayNode() : expectations);
        return Json.write(out);
    }
}
