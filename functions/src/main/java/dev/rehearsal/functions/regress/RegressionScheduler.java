package dev.rehearsal.functions.regress;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.expect.SuiteParser;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.report.ScoreSpread;
import dev.rehearsal.engine.stats.Runs;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import dev.rehearsal.functions.steps.StepServices;
import dev.rehearsal.store.Keys;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Suite;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.WorkflowVersion;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.logging.Level;

/**
 * The nightly regression (ScheduleV2 target; {@code rehearse regress} runs the same class locally).
 * Every saved suite is re-run in-process with the offline engine (or recorded LLM replies), every
 * persona walking it {@value #DEFAULT_WALKS} times unless the entry says otherwise, and its digest of
 * rates (digest version 2: expectation passes/trials, path counts, finding walk counts, the score and
 * its walk-to-walk spread) is compared with the suite's baseline by {@link RegressionComparator}: only
 * changes that are significant after correcting for the number of comparisons are reported. A suite
 * without a baseline, or with a version-1 baseline (one path per persona), gets the digest as its new
 * baseline and says so. Each regression is written as a record
 * ({@code ACCOUNT#a#SUITE#id / REGRESSION#<day>}) and published as an event.
 */
public class RegressionScheduler implements RequestStreamHandler {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(RegressionScheduler.class.getName());
    public static final Duration RECORD_RETENTION = Duration.ofDays(90);
    /** Walks per persona when a suite entry does not set "runs": enough for rates a test can compare. */
    public static final int DEFAULT_WALKS = 30;
    static final int BOOTSTRAP_RESAMPLES = 100;
    private final StepServices services;
    private final RegressionEvents events;

    public RegressionScheduler() {
        this(StepServices.fromEnvironment(), Publisher.INSTANCE);
    }

    public RegressionScheduler(StepServices services) {
        this(services, detail -> { });
    }

    public RegressionScheduler(StepServices services, RegressionEvents events) {
        this.services = services;
        this.events = events;
    }

    private static final class Publisher {
        static final RegressionEvents INSTANCE = EventBridgePublisher.fromEnvironment();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        ObjectNode summary = runAll();
        // One CloudWatch embedded-metric line per night: suites run, regressed and in error.
        System.out.println(metricLine(summary));
        int errors = summary.path("errors").asInt();
        if (errors > 0) {
            // Failing the invocation sends the night to the dead-letter queue (template.yaml, EventInvokeConfig),
            // after every other suite has run.
            throw new IllegalStateException(errors + " suite(s) failed in the nightly regression: "
                    + Json.write(summary));
        }
        Json.mapper().writeValue(out, summary);
    }

    /** The summary's counts as CloudWatch Embedded Metric Format (namespace Rehearsal). */
    static String metricLine(ObjectNode summary) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode aws = root.putObject("_aws");
        aws.put("Timestamp", System.currentTimeMillis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", "Rehearsal");
        directive.putArray("Dimensions").addArray();
        ArrayNode metrics = directive.putArray("Metrics");
        for (String m : List.of("RegressionSuites", "RegressionRegressions", "RegressionSuiteErrors")) {
            metrics.addObject().put("Name", m).put("Unit", "Count");
        }
        root.put("RegressionSuites", summary.path("suites").size());
        root.put("RegressionRegressions", summary.path("regressions").asInt());
        root.put("RegressionSuiteErrors", summary.path("errors").asInt());
        return Json.write(root);
    }

    /** Runs every suite of every account; the summary lists each suite's outcome. */
    public ObjectNode runAll() {
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode suites = out.putArray("suites");
        int regressions = 0, errors = 0;
        for (String[] ref : suiteRefs()) {
            ObjectNode r;
            try {
                r = runSuite(ref[0], ref[1]);
                if ("error".equals(r.path("outcome").asText())) {
                    LOG.warning("regression of suite " + ref[1] + " (account " + ref[0] + ") failed: "
                            + r.path("error").asText());
                }
            } catch (RuntimeException e) {
                // One suite's trouble (a failed write or publish) must not stop the others.
                r = Json.mapper().createObjectNode().put("account_id", ref[0]).put("suite_id", ref[1])
                        .put("outcome", "error").put("error", String.valueOf(e.getMessage()));
                LOG.log(Level.WARNING, "regression of suite " + ref[1] + " (account " + ref[0] + ") failed", e);
            }
            if ("regressed".equals(r.path("outcome").asText())) regressions++;
            if ("error".equals(r.path("outcome").asText())) errors++;
            suites.add(r);
        }
        out.put("regressions", regressions);
        out.put("errors", errors);
        return out;
    }

    /** Re-runs one suite and compares it with its baseline. */
    public ObjectNode runSuite(String accountId, String suiteId) {
        Store store = services.store();
        ObjectNode result = Json.mapper().createObjectNode().put("account_id", accountId).put("suite_id", suiteId);
        Suite suite = store.suites().get(accountId, suiteId).orElse(null);
        if (suite == null) return result.put("outcome", "missing");
        ObjectNode digest;
        try {
            digest = digest(accountId, Json.mapper().readTree(suite.document()));
        } catch (IOException | RuntimeException e) {
            return result.put("outcome", "error").put("error", e.getMessage());
        }
        Optional<Suite> baseline = store.suites().baseline(accountId, suiteId);
        if (baseline.isEmpty()) {
            store.suites().putBaseline(accountId, suiteId, Json.write(digest));
            return result.put("outcome", "baseline_created");
        }
        JsonNode old;
        try {
            old = Json.mapper().readTree(baseline.get().document());
        } catch (IOException e) {
            return result.put("outcome", "error").put("error", "baseline unreadable");
        }
        if (old.path("digest_version").asInt(1) < RegressionComparator.DIGEST_VERSION) {
            // A version-1 baseline holds one path per persona: nothing a rate can be tested against.
            store.suites().putBaseline(accountId, suiteId, Json.write(digest));
            return result.put("outcome", "baseline_replaced").put("note", "the baseline was digest version "
                    + old.path("digest_version").asInt(1) + " (one walk per persona, no rates); replaced by a version "
                    + RegressionComparator.DIGEST_VERSION + " baseline of " + DEFAULT_WALKS + "+ walks per persona");
        }
        List<ObjectNode> findings = RegressionComparator.compare(old, digest);
        if (findings.isEmpty()) return result.put("outcome", "unchanged");
        result.put("outcome", "regressed");
        result.set("findings", Json.tree(findings));
        result.put("at", store.table().now().toString());
        // One record per suite and day, written after its event is published: a retried schedule publishes
        // nothing twice once the record exists, and an event that failed to publish is published on the retry.
        String day = result.get("at").asText().substring(0, 10);
        if (store.table().get(Keys.suitePk(accountId, suiteId), "REGRESSION#" + day).isEmpty()) {
            events.publish(result);
            writeRecord(accountId, suiteId, result);
        }
        return result;
    }

    ObjectNode digest(String accountId, JsonNode suiteDoc) {
        Store store = services.store();
        ObjectNode d = Json.mapper().createObjectNode();
        d.put("digest_version", RegressionComparator.DIGEST_VERSION);
        ArrayNode entries = d.putArray("entries");
        for (JsonNode e : suiteDoc.path("entries")) {
            String wfId = e.path("workflow").asText();
            Optional<WorkflowVersion> v = e.has("version")
                    ? store.workflows().get(accountId, wfId, e.get("version").asInt())
                    : store.workflows().latest(accountId, wfId);
            if (v.isEmpty()) throw new IllegalStateException("workflow " + wfId + " does not exist");
            Workflow wf = WorkflowParser.parseOrThrow(v.get().definition());
            List<Persona> personas = new ArrayList<>();
            if (e.path("personas").isArray()) {
                for (JsonNode p : e.get("personas")) {
                    personas.add(store.personas().get(accountId, p.asText())
                            .orElseThrow(() -> new IllegalStateException("persona " + p.asText() + " does not exist")));
                }
            } else {
                personas.addAll(PersonaCatalog.builtIns());
            }
            long seed = e.path("seed").asLong(42);
            int walks = e.path("runs").isInt() ? e.get("runs").asInt() : DEFAULT_WALKS;
            var expectations = SuiteParser.expectations(e.get("expectations"));
            var responder = regressionResponder(accountId);
            Rehearsal.Walked walked = Rehearsal.walk(new Rehearsal.Spec(wf, personas, responder,
                    SimulationOptions.defaults(seed), expectations, null, null, null, Runs.of(walks),
                    Math.max(1, Runtime.getRuntime().availableProcessors())));
            Report report = Rehearsal.report(wf, walked.info(), walked.runs(), expectations, walked.results(), List.of(), null);
            double spread = ScoreSpread.halfWidth(wf, report.run(), dev.rehearsal.engine.validate.Validators.validate(wf),
                    walked.runs(), expectations, BOOTSTRAP_RESAMPLES, seed);
            entries.add(entryDigest(wfId, v.get().version(), report, spread));
        }
        return d;
    }

    /**
     * The offline engine, unless the LLM replays recordings (PROVIDER_REPLAY=replay): live LLM answers
     * would differ from night to night and report noise as regressions.
     */
    private dev.rehearsal.engine.llm.PersonaResponder regressionResponder(String accountId) {
        dev.rehearsal.functions.llm.LlmJobs llm = services.llmFor(accountId);
        return llm != null && llm.replayOnly() ? llm.responder() : services.responder();
    }

    /** Digest version 2: rates, not single paths (docs/REPORT.md, "Regression"). */
    static ObjectNode entryDigest(String workflowId, int version, Report r, double scoreSpread) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("workflow", workflowId);
        o.put("version", version);
        o.put("score", r.score());
        o.put("score_spread", scoreSpread);
        o.put("verdict", r.verdictOrPassed().wire());
        o.put("responder", r.run().responder());
        ObjectNode exp = o.putObject("expectations");
        r.expectations().forEach(x -> exp.putObject(x.expectation() + (x.persona() == null ? "" : " [" + x.persona() + "]"))
                .put("passes", x.passes() == null ? (x.passed() ? 1 : 0) : x.passes())
                .put("trials", x.trials() == null ? 1 : x.trials()));
        ObjectNode walks = o.putObject("walks");
        ObjectNode paths = o.putObject("paths");
        for (Report.PersonaResult p : r.personas()) {
            int n = p.walks() == null ? 1 : p.walks();
            walks.put(p.id(), n);
            ObjectNode counts = paths.putObject(p.id());
            if (p.paths() == null) counts.put(String.join(" > ", p.path()), 1);
            else p.paths().forEach(s -> counts.put(String.join(" > ", s.path()), s.count()));
        }
        ObjectNode findings = o.putObject("findings");
        new TreeSet<>(r.issues().stream().map(RegressionScheduler::findingKey).toList()).forEach(k -> findings.put(k, 0));
        r.issues().forEach(i -> findings.put(findingKey(i), Math.max(findings.path(findingKey(i)).asInt(),
                i.walks() == null ? 1 : i.walks())));
        return o;
    }

    static String findingKey(dev.rehearsal.engine.validate.Issue i) {
        return i.type() + "@" + (i.stepId() == null ? "-" : i.stepId()) + (i.persona() == null ? "" : "/" + i.persona());
    }

    /** Writes the day's regression record of a suite; false if that day's record already exists. */
    private boolean writeRecord(String accountId, String suiteId, ObjectNode result) {
        Table t = services.store().table();
        String at = result.get("at").asText();
        String day = at.substring(0, 10);
        return t.putIfAbsent(Map.of(Keys.PK, Table.s(Keys.suitePk(accountId, suiteId)), Keys.SK, Table.s("REGRESSION#" + day),
                "type", Table.s("regression"), "accountId", Table.s(accountId), "suiteId", Table.s(suiteId),
                "doc", Table.s(Json.write(result)), "createdAt", Table.s(at),
                Table.EXPIRES_AT, Table.n(t.expiresAt(RECORD_RETENTION))));
    }

    /** The regression records of a suite, oldest first. */
    public List<JsonNode> records(String accountId, String suiteId) {
        List<JsonNode> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : services.store().table().queryAll(Keys.suitePk(accountId, suiteId), "REGRESSION#")) {
            try {
                out.add(Json.mapper().readTree(Table.str(i, "doc")));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** (accountId, suiteId) of every saved suite: a filtered scan (nightly, small items, projection only). */
    List<String[]> suiteRefs() {
        Table t = services.store().table();
        List<String[]> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder b = ScanRequest.builder().tableName(t.name())
                    .filterExpression("#t = :suite").projectionExpression("accountId, suiteId")
                    .expressionAttributeNames(Map.of("#t", "type"))
                    .expressionAttributeValues(Map.of(":suite", Table.s("suite")));
            if (start != null) b.exclusiveStartKey(start);
            ScanResponse r = t.client().scan(b.build());
            for (Map<String, AttributeValue> i : r.items()) out.add(new String[]{Table.str(i, "accountId"), Table.str(i, "suiteId")});
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        out.sort((a, b) -> (a[0] + "/" + a[1]).compareTo(b[0] + "/" + b[1]));
        return out;
    }
}
