package dev.rehearsal.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.MessageAnalysis;
import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.functions.llm.LlmJobs;
import dev.rehearsal.functions.api.ApiHandler;
import dev.rehearsal.functions.api.Services;
import dev.rehearsal.functions.reconcile.ReconcileRun;
import dev.rehearsal.functions.regress.RegressionScheduler;
import dev.rehearsal.functions.steps.ExecuteStep;
import dev.rehearsal.functions.steps.FinishSimulation;
import dev.rehearsal.functions.steps.GenerateReport;
import dev.rehearsal.functions.steps.InitSimulation;
import dev.rehearsal.functions.steps.LoadRun;
import dev.rehearsal.functions.steps.MarkRunFailed;
import dev.rehearsal.functions.steps.StepFixture;
import dev.rehearsal.functions.steps.StepServices;
import dev.rehearsal.functions.steps.ValidateMessages;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Least privilege, checked against the code: every function of template.yaml runs its real work on
 * dynalite through a client that records each DynamoDB operation it makes; the function's policy
 * must allow each one (or it fails in AWS with AccessDenied) and allow nothing more.
 */
class IamPolicyCrossCheckTest {
    final Map<String, Set<String>> used = new TreeMap<>();
    volatile String current;

    final ExecutionInterceptor recorder = new ExecutionInterceptor() {
        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
            if (current != null) {
                used.computeIfAbsent(current, k -> new TreeSet<>())
                        .add("dynamodb:" + attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        }
    };

    <T> T as(String function, Supplier<T> work) {
        current = function;
        try {
            return work.get();
        } finally {
            current = null;
        }
    }

    @Test
    void everyFunctionsDynamoDbActionsAreExactlyWhatItsCodeCalls() throws Exception {
        DynamoDbClient client = DynamoDbClient.builder().endpointOverride(Dynalite.shared().endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
        String name = "iam-" + UUID.randomUUID();
        TableAdmin.createTable(client, name);
        Store store = Store.over(new Table(client, name));
        // With an LLM configured (its analyst stubbed), as the step functions run in AWS.
        MessageAnalyst analyst = (m, marketing) -> new MessageAnalysis(m.stepId(), 10, List.of(), "friendly", 90,
                List.of(), Usage.NONE, null);
        StepServices steps = new StepServices(store, new OfflinePersonaEngine(), 4,
                a -> new LlmJobs(new OfflinePersonaEngine(), analyst, null));

        // The API: every events/api file, in an order where each can succeed.
        ApiHandler api = new ApiHandler(new Services(store, run -> { }));
        ApiHandler failingStart = new ApiHandler(new Services(store, run -> {
            throw new IllegalStateException("StartExecution refused");
        }));
        ObjectMapper events = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        for (String e : List.of("create-persona", "get-persona", "put-persona", "list-personas", "put-workflow",
                "get-workflow", "validate-workflow", "import-workflow", "list-workflows", "start-test", "start-test-auto", "list-tests", "get-test",
                "get-test-interactions", "get-test-report", "put-suite", "get-suite", "list-suites", "cancel-test",
                "delete-persona")) {
            APIGatewayV2HTTPEvent event = events.readValue(RuntimeFixture.projectFile("events/api/" + e + ".json").toFile(),
                    APIGatewayV2HTTPEvent.class);
            as("ApiFunction", () -> api.handle(event));
            if (e.equals("start-test")) {
                // the same request again, while the start fails: the recorded run is marked FAILED
                as("ApiFunction", () -> failingStart.handle(event));
            }
        }

        // One run through every step function, as the state machine calls them.
        String account = "acme";
        int v = store.workflows().save(account, "sms", StepFixture.exampleWorkflow()).value().version();
        RunRecord run = store.runs().create(account, "run-" + UUID.randomUUID().toString().replace("-", ""), "sms", v,
                List.of("eager-eddie", "cold-carl"), 7).value();
        ObjectNode ref = Json.mapper().createObjectNode().put("accountId", account).put("runId", run.runId());
        as("LoadRunFunction", () -> new LoadRun(steps).handle(ref.deepCopy()));
        as("ValidateMessagesFunction", () -> new ValidateMessages(steps).handle(ref.deepCopy()));
        for (String persona : run.personaIds()) {
            JsonNode cursor = as("InitSimulationFunction",
                    () -> new InitSimulation(steps).handle(ref.deepCopy().put("personaId", persona)));
            while (!cursor.path("done").asBoolean()) {
                JsonNode c = cursor;
                cursor = as("ExecuteStepFunction", () -> new ExecuteStep(steps).handle(c.deepCopy()));
            }
            JsonNode last = cursor;
            as("FinishSimulationFunction", () -> new FinishSimulation(steps).handle(last.deepCopy()));
        }
        as("GenerateReportFunction", () -> new GenerateReport(steps).handle(ref.deepCopy()));
        // Offline walks batched: a range of walks to the end in one invocation.
        RunRecord batched = store.runs().create(account, "run-" + UUID.randomUUID().toString().replace("-", ""), "sms", v,
                List.of("cold-carl"), 7, 3).value();
        ObjectNode range = Json.mapper().createObjectNode().put("accountId", account).put("runId", batched.runId())
                .put("personaId", "cold-carl").put("firstWalk", 0).put("lastWalk", 2);
        as("SimulateWalksFunction", () -> new dev.rehearsal.functions.steps.SimulateWalks(steps).handle(range));
        // runs auto: the first look walked, NextLook (from events/steps/next-look.json) judges it undecided and
        // raises the run to the next look. Seed 3 leaves the clickers' 40% undecided at 30 walks (RunsAutoServeTest).
        int nv = store.workflows().save(account, "email-nurture",
                java.nio.file.Files.readString(RuntimeFixture.projectFile("examples/email-nurture.workflow.json"))).value().version();
        RunRecord auto = store.runs().create(account, "run-" + UUID.randomUUID().toString().replace("-", ""), "email-nurture",
                nv, List.of("eager-eddie", "technical-tim"), 3, 30).value();
        store.runs().putPlan(account, auto.runId(), "{\"runs\":\"auto\",\"expectations\":[{\"type\":\"reaches_step\","
                + "\"step\":\"demo_invite\",\"personas\":[\"eager-eddie\",\"technical-tim\"],\"min_pass_rate\":0.4}]}");
        for (String persona : auto.personaIds()) {
            ObjectNode look = Json.mapper().createObjectNode().put("accountId", account).put("runId", auto.runId())
                    .put("personaId", persona).put("firstWalk", 0).put("lastWalk", 29);
            as("SimulateWalksFunction", () -> new dev.rehearsal.functions.steps.SimulateWalks(steps).handle(look));
        }
        ObjectNode next = (ObjectNode) Json.mapper().readTree(RuntimeFixture.projectFile("events/steps/next-look.json").toFile());
        next.put("accountId", account).put("runId", auto.runId());
        JsonNode planned = as("NextLookFunction", () -> new dev.rehearsal.functions.steps.NextLook(steps).handle(next));
        assertEquals(60, planned.get("walks").asInt(), planned.toString());
        assertEquals(30, planned.at("/walkBatches/0/firstWalk").asInt(), planned.toString());
        RunRecord other = store.runs().create(account, "run-" + UUID.randomUUID().toString().replace("-", ""), "sms", v,
                List.of("busy-bob"), 7).value();
        ObjectNode failed = Json.mapper().createObjectNode().put("accountId", account).put("runId", other.runId());
        failed.putObject("error").put("Error", "States.Timeout").put("Cause", "took too long");
        as("MarkRunFailedFunction", () -> new MarkRunFailed(steps).handle(failed));

        // The reconciliation: the real event shapes, for a running run and again once it ended.
        RunRecord timedOut = store.runs().create(account, "run-0123456789abcdef0123456789abcdef", "sms", v,
                List.of("busy-bob"), 7).value();
        JsonNode event = Json.mapper().readTree(RuntimeFixture.projectFile("events/reconcile/execution-timed-out.json")
                .toFile());
        ((ObjectNode) event.get("detail")).put("input", Json.write(Map.of("accountId", account, "runId", timedOut.runId())));
        as("ReconcileRunFunction", () -> new ReconcileRun(steps).handle(event));
        as("ReconcileRunFunction", () -> new ReconcileRun(steps).handle(event));

        // The nightly regression: baseline, then a regression with its record.
        store.suites().put(account, "nightly", "{\"name\":\"N\",\"entries\":[{\"workflow\":\"sms\",\"seed\":7}]}");
        RegressionScheduler regress = new RegressionScheduler(steps, e -> { });
        as("RegressionFunction", regress::runAll);
        store.workflows().save(account, "sms", StepFixture.exampleWorkflow().replace("Reply STOP to opt out.", "Reply!!!"));
        as("RegressionFunction", regress::runAll);

        Map<String, Set<String>> allowed = allowedDynamoDbActions(RuntimeFixture.projectFile("template.yaml"));
        assertEquals(allowed.keySet(), used.keySet(), "every function of the template was exercised");
        StringBuilder problems = new StringBuilder();
        for (String fn : allowed.keySet()) {
            Set<String> missing = new TreeSet<>(used.get(fn));
            missing.removeAll(allowed.get(fn));
            Set<String> unused = new TreeSet<>(allowed.get(fn));
            unused.removeAll(used.get(fn));
            if (!missing.isEmpty()) problems.append(fn).append(" calls but may not: ").append(missing).append('\n');
            if (!unused.isEmpty()) problems.append(fn).append(" may but never calls: ").append(unused).append('\n');
        }
        assertEquals("", problems.toString(), "used: " + used);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Set<String>> allowedDynamoDbActions(Path template) {
        Map<String, Set<String>> out = new TreeMap<>();
        SamTemplate t = SamTemplate.load(template);
        for (var e : t.resources().entrySet()) {
            Map<String, Object> r = (Map<String, Object>) e.getValue();
            if (!"AWS::Serverless::Function".equals(r.get("Type"))) continue;
            Set<String> actions = new TreeSet<>();
            Map<String, Object> props = (Map<String, Object>) r.get("Properties");
            for (Object p : (List<Object>) props.getOrDefault("Policies", List.of())) {
                if (!(p instanceof Map<?, ?> m) || !m.containsKey("Statement")) continue;
                for (Object st : (List<Object>) m.get("Statement")) {
                    Object a = ((Map<String, Object>) st).get("Action");
                    for (Object x : a instanceof List<?> l ? l : List.of(a)) {
                        if (x.toString().startsWith("dynamodb:")) actions.add(x.toString());
                    }
                }
            }
            out.put(e.getKey(), actions);
        }
        return out;
    }
}
