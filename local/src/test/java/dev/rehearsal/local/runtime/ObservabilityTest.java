package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.functions.llm.LlmJobs;
import dev.rehearsal.functions.observe.JsonLog;
import dev.rehearsal.functions.observe.Metrics;
import dev.rehearsal.local.cli.ServeCommand;
import dev.rehearsal.providers.core.Secrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log lines and EMF documents of a whole run through {@code rehearse serve} (an LLM responder
 * that reports usage and sometimes fails, as a provider does): every line is one JSON object; log
 * lines carry request id, account, run, persona and step; every EMF document keeps the
 * specification; dimensions are the bounded set; no line holds a message body or a key.
 */
class ObservabilityTest {
    static final String KEY = "sk-observe-0123456789abcdef";
    static final String SHORT_KEY = "q7z";
    final List<String> lines = new CopyOnWriteArrayList<>();
    Consumer<String> before;
    ServeCommand.Stack stack;

    @BeforeEach
    void start() throws Exception {
        before = JsonLog.sink(lines::add);
        Secrets.register(KEY);
        Secrets.register(SHORT_KEY);
        PersonaResponder offline = new OfflinePersonaEngine();
        AtomicInteger n = new AtomicInteger();
        PersonaResponder llm = new PersonaResponder() {
            @Override
            public PersonaReply respond(ReplyRequest request) {
                if (n.incrementAndGet() % 2 == 0) {
                    return PersonaReply.providerFailure("openai gpt-test: HTTP 401: bad key " + SHORT_KEY + " / " + KEY,
                            new Usage(0, 0, 0, 0, 1));
                }
                return offline.respond(request).withUsage(new Usage(420, 35, 300, 0, 1));
            }

            @Override
            public String name() {
                return "openai:gpt-4.1-mini";
            }
        };
        MessageAnalyst analyst = (m, marketing) -> new MessageAnalysis(m.stepId(), 10, List.of(), "friendly", 90,
                List.of(), Usage.NONE, null);
        LlmJobs jobs = new LlmJobs(llm, analyst, null);
        stack = ServeCommand.startStack(RuntimeFixture.projectFile("template.yaml"), 0, null, "local", 4, a -> jobs);
    }

    @AfterEach
    void stop() {
        JsonLog.sink(before);
        if (stack != null) stack.close();
    }

    RawHttp.Reply call(String method, String path, String body) throws Exception {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Rehearsal-Account", "observed");
        h.put("Content-Type", "application/json");
        return RawHttp.request(stack.server().port(), method, path, h, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRunsLogsAndMetricsAreStructuredBoundedAndCarryNoBodyOrKey() throws Exception {
        String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
        assertEquals(201, call("PUT", "/workflows/sms-lead-followup", wf).status());
        RawHttp.Reply started = call("POST", "/workflows/sms-lead-followup/test", "{\"personas\":[\"eager-eddie\",\"cold-carl\"]}");
        assertEquals(202, started.status(), started.body());
        String runId = Json.mapper().readTree(started.body()).get("run_id").asText();
        JsonNode run;
        long deadline = System.nanoTime() + 60_000_000_000L;
        do {
            run = Json.mapper().readTree(call("GET", "/tests/" + runId, null).body());
            Thread.sleep(50);
        } while (run.get("status").asText().equals("RUNNING") && System.nanoTime() < deadline);
        assertEquals("COMPLETED", run.get("status").asText(), run.toString());
        Thread.sleep(300);

        List<JsonNode> logs = new ArrayList<>();
        List<JsonNode> emf = new ArrayList<>();
        for (String line : lines) {
            assertFalse(line.contains("\n"), "one line per document");
            JsonNode doc = Json.mapper().readTree(line);
            assertTrue(doc.isObject(), line);
            (doc.has("_aws") ? emf : logs).add(doc);
            assertFalse(line.contains(KEY) || line.matches(".*\\b" + SHORT_KEY + "\\b.*"), "a key in: " + line);
            assertFalse(line.contains("Summit Fitness"), "a message body in: " + line);
        }

        // Logs: the request lines and the step lines with their context.
        JsonNode post = logs.stream().filter(l -> "POST /workflows/{id}/test".equals(l.path("route").asText()))
                .findFirst().orElseThrow();
        assertEquals("INFO", post.get("level").asText());
        assertEquals(202, post.get("status").asInt());
        assertEquals("observed", post.get("accountId").asText());
        assertFalse(post.path("requestId").asText().isEmpty());
        for (JsonNode l : logs) {
            assertTrue(l.has("timestamp") && l.has("level") && l.has("message"), l.toString());
        }
        List<JsonNode> steps = logs.stream().filter(l -> "step executed".equals(l.path("message").asText())).toList();
        assertFalse(steps.isEmpty());
        for (JsonNode l : steps) {
            assertEquals(runId, l.get("runId").asText(), l.toString());
            assertEquals("observed", l.get("accountId").asText(), l.toString());
            assertTrue(Set.of("eager-eddie", "cold-carl").contains(l.get("personaId").asText()), l.toString());
            assertTrue(l.get("step").asText().matches("\\d+"), l.toString());
            assertFalse(l.has("message_body") || l.toString().contains("\"body\""), l.toString());
        }

        // Metrics: every document keeps the EMF specification, with bounded dimensions.
        List<String> problems = new ArrayList<>();
        Set<String> metricNames = new HashSet<>();
        for (JsonNode d : emf) {
            problems.addAll(EmfSpec.problems(d));
            for (JsonNode dir : d.get("_aws").get("CloudWatchMetrics")) {
                for (JsonNode set : dir.get("Dimensions")) {
                    for (JsonNode name : set) {
                        assertTrue(Set.of("Service", "Provider", "Outcome").contains(name.asText()), d.toString());
                        assertFalse(d.get(name.asText()).asText().startsWith("run-"), "an id as a dimension: " + d);
                    }
                }
                for (JsonNode m : dir.get("Metrics")) metricNames.add(m.get("Name").asText());
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(metricNames.containsAll(Set.of("Requests", "RunsStarted", "RunsCompleted", "ProviderCalls",
                "ProviderErrors", "InputTokens", "OutputTokens", "WalkDuration")), metricNames.toString());
        long calls = emf.stream().filter(d -> d.has("ProviderCalls")).mapToLong(d -> d.get("ProviderCalls").asLong()).sum();
        long errors = emf.stream().filter(d -> d.has("ProviderErrors")).mapToLong(d -> d.get("ProviderErrors").asLong()).sum();
        assertTrue(calls > 0 && errors > 0 && errors < calls, calls + " calls, " + errors + " errors");
        assertTrue(emf.stream().filter(d -> d.has("ProviderCalls")).allMatch(d -> d.get("Provider").asText().equals("openai")));
        double dollars = emf.stream().filter(d -> d.has("LlmCostUsd")).mapToDouble(d -> d.get("LlmCostUsd").asDouble()).sum();
        assertTrue(dollars > 0 && dollars < 0.01, "LLM dollars of the run: " + dollars);
    }

    @Test
    void aDimensionValueThatIsNotAShortWordIsRefused() {
        try {
            Metrics.of("api").dimension(Metrics.Dimension.Outcome, "run-0123456789abcdef0123456789abcdef/extra");
            throw new AssertionError("accepted");
        } catch (IllegalArgumentException expected) {
            // an id-shaped value cannot become a dimension
        }
    }

    /** The checks of the EMF specification (CloudWatch "Specification: Embedded metric format"). */
    static final class EmfSpec {
        static final Set<String> UNITS = Metrics.UNITS;

        static List<String> problems(JsonNode root) {
            List<String> p = new ArrayList<>();
            JsonNode aws = root.get("_aws");
            if (aws == null || !aws.isObject()) return List.of("no _aws object");
            if (!aws.path("Timestamp").isIntegralNumber() || aws.get("Timestamp").asLong() < 1_000_000_000_000L) {
                p.add("Timestamp must be epoch milliseconds");
            }
            JsonNode directives = aws.get("CloudWatchMetrics");
            if (directives == null || !directives.isArray() || directives.isEmpty()) return List.of("no CloudWatchMetrics");
            for (JsonNode d : directives) {
                String ns = d.path("Namespace").asText("");
                if (ns.isEmpty() || ns.length() > 255) p.add("Namespace must be 1-255 characters");
                JsonNode dims = d.get("Dimensions");
                if (dims == null || !dims.isArray()) {
                    p.add("Dimensions must be an array of dimension sets");
                } else {
                    for (JsonNode set : dims) {
                        if (!set.isArray() || set.size() > 30) p.add("a dimension set holds at most 30 names");
                        for (JsonNode name : set) {
                            JsonNode v = root.get(name.asText());
                            if (v == null || !v.isTextual()) p.add("dimension " + name + " needs a string member");
                            else if (v.asText().isEmpty() || v.asText().length() > 1024) p.add("dimension value length");
                        }
                    }
                }
                JsonNode metrics = d.get("Metrics");
                if (metrics == null || !metrics.isArray() || metrics.size() > 100) {
                    p.add("Metrics must be an array of at most 100");
                    continue;
                }
                for (JsonNode m : metrics) {
                    String name = m.path("Name").asText("");
                    if (name.isEmpty() || name.length() > 255) p.add("metric Name must be 1-255 characters");
                    if (m.has("Unit") && !UNITS.contains(m.get("Unit").asText())) p.add("unit " + m.get("Unit"));
                    if (m.has("StorageResolution") && !Set.of(1, 60).contains(m.get("StorageResolution").asInt())) {
                        p.add("StorageResolution is 1 or 60");
                    }
                    JsonNode v = root.get(name);
                    boolean ok = v != null && (v.isNumber() || v.isArray() && v.size() <= 100 && allNumbers(v));
                    if (!ok) p.add("metric " + name + " needs a number (or up to 100 numbers) member");
                }
            }
            return p;
        }

        static boolean allNumbers(JsonNode a) {
            for (Iterator<JsonNode> it = a.elements(); it.hasNext(); ) if (!it.next().isNumber()) return false;
            return true;
        }
    }
}
