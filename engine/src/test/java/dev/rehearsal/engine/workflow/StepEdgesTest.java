package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The edges a workflow resolves once are what looking each target id up would give, whichever way it was parsed. */
class StepEdgesTest {

    /** Edge by edge: the position of the step each of {@link Step#targets()} names, in that order. */
    static void assertResolved(Workflow wf) {
        StepEdges edges = wf.edges();
        for (int v = 0; v < wf.steps().size(); v++) {
            List<String> targets = wf.steps().get(v).targets();
            assertEquals(targets.size(), edges.end(v) - edges.start(v), "edges of " + wf.steps().get(v).id());
            for (int j = 0; j < targets.size(); j++) {
                assertEquals(wf.indexOf(targets.get(j)), edges.target(edges.start(v) + j),
                        "edge " + j + " of " + wf.steps().get(v).id());
            }
        }
    }

    @Test
    void theExampleAndOwnerWorkflowsResolveEveryEdgeBothWays() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("examples"))) root = root.getParent();
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.list(root.resolve("examples")),
                Files.list(root.resolve("engine/src/test/resources/owners")))) {
            files = s.filter(p -> p.toString().endsWith(".workflow.json")).sorted().toList();
        }
        assertTrue(files.size() >= 7, "examples and owner workflows found: " + files);
        for (Path f : files) {
            String json = Files.readString(f);
            Workflow streamed = WorkflowParser.parseValid(json);
            Workflow fromTree = WorkflowParser.parse(Json.mapper().readTree(json)).orThrow();
            assertResolved(streamed);
            assertResolved(fromTree);
        }
    }

    /** Big enough for the parse to build steps on its second thread: positions still follow the document. */
    @Test
    void aBigWorkflowParsedOnTwoThreadsResolvesForwardAndBackwardEdges() throws Exception {
        int rungs = 1_500;
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < rungs; i++) {
            String next = i + 1 < rungs ? "m" + (i + 1) : "end";
            steps.append("""
                    {"id":"m%d","type":"send_sms","config":{"body":"Quote #%d is ready. Reply STOP to opt out."},"next":"w%d"},
                    {"id":"w%d","type":"wait_for_reply","config":{"timeout":"2d"},"on_reply":"c%d","on_timeout":"%s"},
                    {"id":"c%d","type":"condition","branches":[{"label":"hot","when":{"reply_intent":["interested"]},"next":"%s"},
                     {"label":"again","when":{"reply_intent":["question"]},"next":"m%d"}],"default":"%s"},
                    """.formatted(i, i, i, i, i, next, i, next, Math.max(0, i - 1), next));
        }
        String json = "{\"id\":\"big\",\"name\":\"Big\",\"start\":\"m0\",\"steps\":[" + steps
                + "{\"id\":\"end\",\"type\":\"end\"}]}";
        assertTrue(json.length() >= WorkflowParser.BACKGROUND_FROM_CHARS, "big enough for the second thread");
        Workflow wf = WorkflowParser.parseValid(json);
        assertResolved(wf);
        // c7's "again" branch goes back to m6, five positions before it (three steps a rung)
        int c7 = wf.indexOf("c7");
        assertEquals(c7 - 5, wf.edges().target(wf.edges().start(c7) + 1));
    }

    /** Enough steps for the second half to be resolved on the pool: the halves join without a seam. */
    @Test
    void edgesResolvedInTwoHalvesMatchOneByOneLookups() {
        int n = StepEdges.PARALLEL_FROM + 5_001;
        List<Step> steps = new ArrayList<>();
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            // a varying number of edges per step (0 to 3), forward, backward, and one dangling near the end
            String next = i + 1 < n ? "s" + (i + 1) : null;
            String back = i % 3 == 0 ? "s" + (i / 2) : null;
            String odd = i == n - 7 ? "ghost" : i % 5 == 0 ? "s" + (n - 1 - i) : null;
            steps.add(new Step("s" + i, StepType.WAIT_FOR_REPLY, null, null, null, next, back, null, odd));
            index.put("s" + i, i);
        }
        StepEdges edges = StepEdges.of(steps, index);
        assertTrue(edges.dangling());
        for (int v = 0; v < n; v++) {
            List<String> targets = steps.get(v).targets();
            assertEquals(targets.size(), edges.end(v) - edges.start(v), "edges of s" + v);
            for (int j = 0; j < targets.size(); j++) {
                Integer w = index.get(targets.get(j));
                assertEquals(w == null ? -1 : w, edges.target(edges.start(v) + j), "edge " + j + " of s" + v);
            }
        }
        assertFalse(StepEdges.of(steps.subList(0, n - 8), index).dangling(), "the dangling edge is the only one");
    }

    @Test
    void aTargetThatNamesNoStepIsMinusOneAndTheParserRefusesIt() throws Exception {
        String json = """
                {"id":"d","name":"Dangling","start":"s","steps":[
                 {"id":"s","type":"send_sms","config":{"body":"Hi. Reply STOP to opt out."},"next":"ghost"},
                 {"id":"e","type":"end"}]}
                """;
        assertNull(WorkflowParser.parseValid(json));
        assertFalse(WorkflowParser.parse(json).ok());
        // A workflow built directly (not through the parser) keeps the dangling edge as -1.
        JsonNode tree = Json.mapper().readTree(json);
        List<Step> built = new ArrayList<>();
        built.add(new Step("s", StepType.SEND_SMS, null, tree.at("/steps/0/config"), "ghost", null, null, null, null));
        built.add(new Step("e", StepType.END, null, null, null, null, null, null, null));
        Workflow wf = new Workflow("d", "Dangling", "s", WorkflowSettings.defaults(), built, tree);
        assertEquals(-1, wf.edges().target(wf.edges().start(0)));
        assertEquals(0, wf.edges().end(1) - wf.edges().start(1));
    }
}
