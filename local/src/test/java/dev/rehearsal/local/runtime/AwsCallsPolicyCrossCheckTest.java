package dev.rehearsal.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.functions.llm.LlmJobsFactory;
import dev.rehearsal.functions.regress.EventBridgePublisher;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.functions.run.StepFunctionsRunStarter;
import dev.rehearsal.providers.ProviderConfig;
import dev.rehearsal.providers.Providers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Least privilege beyond DynamoDB, against the code: each function's own AWS calls (SSM GetParameter,
 * Bedrock Converse, Step Functions StartExecution, EventBridge PutEvents) are made by the real SDK clients,
 * configured from the function's environment as template.yaml sets it, against a loopback server that
 * records them. Each call's action and resource must be allowed by the function's policy under the
 * provider setting in force, and every non-DynamoDB statement must be used by some setting.
 */
class AwsCallsPolicyCrossCheckTest {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";
    final SamTemplate t = SamTemplate.load(RuntimeFixture.projectFile("template.yaml"));
    HttpServer server;
    final List<String[]> calls = new CopyOnWriteArrayList<>();   // {action, resource}

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
            String path = ex.getRequestURI().getRawPath();
            JsonNode req = body.isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
            String answer;
            int status = 200;
            switch (target) {
                case "AmazonSSM.GetParameter" -> {
                    calls.add(new String[]{"ssm:GetParameter", "arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":parameter"
                            + req.get("Name").asText()});
                    answer = "{\"Parameter\":{\"Name\":\"x\",\"Type\":\"SecureString\",\"Value\":\"sk-test\"}}";
                }
                case "AWSStepFunctions.StartExecution" -> {
                    calls.add(new String[]{"states:StartExecution", req.get("stateMachineArn").asText()});
                    answer = "{\"executionArn\":\"arn:aws:states:" + REGION + ":" + ACCOUNT + ":execution:x:y\",\"startDate\":1.7E9}";
                }
                case "AWSStepFunctions.StopExecution" -> {
                    // Authorised on the execution's ARN (issue 12's cancel route).
                    calls.add(new String[]{"states:StopExecution", req.get("executionArn").asText()});
                    answer = "{\"stopDate\":1.7E9}";
                }
                case "AWSEvents.PutEvents" -> {
                    calls.add(new String[]{"events:PutEvents", "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/"
                            + req.get("Entries").get(0).get("EventBusName").asText()});
                    answer = "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}";
                }
                default -> {
                    Matcher m = Pattern.compile("^/model/([^/]+)/converse$").matcher(path);
                    assertTrue(m.matches(), "unexpected AWS call " + target + " " + path);
                    String model = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
                    // Converse is authorised as bedrock:InvokeModel on the model or inference profile.
                    calls.add(new String[]{"bedrock:InvokeModel", model.matches("^(us|eu|apac|global)\\..*")
                            ? "arn:aws:bedrock:" + REGION + ":" + ACCOUNT + ":inference-profile/" + model
                            : "arn:aws:bedrock:" + REGION + "::foundation-model/" + model});
                    ex.getResponseHeaders().add("x-amzn-ErrorType", "ValidationException");
                    status = 400;
                    answer = "{\"message\":\"recorded\"}";
                }
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.httpClient(UrlConnectionHttpClient.create()).endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .build();
    }

    // ---- the template, resolved for one provider setting

    Map<String, String> parameters(String provider) {
        Map<String, String> p = new HashMap<>();
        for (var e : map(t.root().get("Parameters")).entrySet()) {
            Object d = map(e.getValue()).get("Default");
            if (d != null) p.put(e.getKey(), String.valueOf(d));
        }
        p.put("Provider", provider);
        p.put("ProviderKeyKmsKeyArn", "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/1234abcd");
        return p;
    }

    boolean condition(String name, Map<String, String> params) {
        String provider = params.get("Provider");
        return switch (name) {
            case "UsesBedrock" -> provider.equals("bedrock");
            case "UsesProviderKey", "HasProviderKeyKmsKey" -> provider.equals("openai") || provider.equals("ollama");
            case "ReservesConcurrency" -> params.get("ReservedConcurrency").equals("on");
            default -> throw new AssertionError("condition " + name + " is not modelled by this test");
        };
    }

    String resolve(Object v, Map<String, String> params) {
        if (v instanceof String s) return s;
        Map<String, Object> m = map(v);
        if (m.containsKey("Fn::Sub")) {
            Matcher x = Pattern.compile("\\$\\{([A-Za-z0-9:]+)}").matcher(String.valueOf(m.get("Fn::Sub")));
            StringBuilder out = new StringBuilder();
            while (x.find()) {
                String name = x.group(1);
                String val = switch (name) {
                    case "AWS::Partition" -> "aws";
                    case "AWS::Region" -> REGION;
                    case "AWS::AccountId" -> ACCOUNT;
                    default -> params.get(name);
                };
                assertNotNull(val, "${" + name + "}");
                x.appendReplacement(out, Matcher.quoteReplacement(val));
            }
            x.appendTail(out);
            return out.toString();
        }
        if (m.containsKey("Ref")) {
            String ref = String.valueOf(m.get("Ref"));
            if (ref.equals("TestRunStateMachine")) {
                return "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:" + stateMachineName(params);
            }
            if (params.containsKey(ref)) return params.get(ref);
            return ref;
        }
        if (m.containsKey("Fn::GetAtt") && String.valueOf(m.get("Fn::GetAtt")).equals("TestRunStateMachine.Name")) {
            return stateMachineName(params);
        }
        throw new AssertionError("cannot resolve " + v);
    }

    String stateMachineName(Map<String, String> params) {
        return resolve(map(map(t.resources().get("TestRunStateMachine")).get("Properties")).get("Name"), params);
    }

    Map<String, String> env(String fn, Map<String, String> params) {
        Map<String, String> out = new HashMap<>();
        Map<String, Object> vars = map(map(props(fn).get("Environment")).get("Variables"));
        for (var e : vars.entrySet()) out.put(e.getKey(), resolve(e.getValue(), params));
        out.put("AWS_REGION", REGION);
        return out;
    }

    /** (action, resource pattern) pairs the function's policy allows under these parameters, DynamoDB aside. */
    List<String[]> allowed(String fn, Map<String, String> params) {
        List<String[]> out = new ArrayList<>();
        for (Object policy : list(props(fn).get("Policies"))) {
            Map<String, Object> p = map(policy);
            if (p.containsKey("Fn::If")) {
                List<Object> branch = list(p.get("Fn::If"));
                Object chosen = condition(String.valueOf(branch.get(0)), params) ? branch.get(1) : branch.get(2);
                if (map(chosen).containsKey("Ref")) continue;   // AWS::NoValue
                p = map(chosen);
            }
            if (p.containsKey("StepFunctionsExecutionPolicy")) {
                out.add(new String[]{"states:StartExecution", "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:"
                        + resolve(map(p.get("StepFunctionsExecutionPolicy")).get("StateMachineName"), params)});
            } else if (p.containsKey("EventBridgePutEventsPolicy")) {
                out.add(new String[]{"events:PutEvents", "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/"
                        + resolve(map(p.get("EventBridgePutEventsPolicy")).get("EventBusName"), params)});
            }
            for (Object st : list(p.get("Statement"))) {
                Object a = map(st).get("Action");
                Object r = map(st).get("Resource");
                for (Object action : a instanceof List<?> l ? l : List.of(a)) {
                    if (String.valueOf(action).startsWith("dynamodb:")) continue;
                    for (Object res : r instanceof List<?> l ? l : List.of(r)) {
                        out.add(new String[]{String.valueOf(action), resolve(res, params)});
                    }
                }
            }
        }
        return out;
    }

    static boolean matches(String pattern, String arn) {
        return arn.matches(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
    }

    // ---- what each function does

    List<String[]> callsOf(String fn, Map<String, String> params) {
        calls.clear();
        Map<String, String> env = env(fn, params);
        if (env.containsKey(StepFunctionsRunStarter.STATE_MACHINE_ARN_ENV)) {
            StepFunctionsRunStarter starter = new StepFunctionsRunStarter(client(SfnClient.builder()),
                    env.get(StepFunctionsRunStarter.STATE_MACHINE_ARN_ENV));
            starter.start(new RunRef("acme", "run-1", "wf", 1));
            if (fn.equals("ApiFunction")) starter.stop(new RunRef("acme", "run-1", "wf", 1));   // DELETE /tests/{id}
        }
        if (env.containsKey("EVENT_BUS_NAME")) {
            new EventBridgePublisher(client(EventBridgeClient.builder()), env.get("EVENT_BUS_NAME"))
                    .publish(Json.mapper().createObjectNode().put("suite_id", "nightly"));
        }
        if (env.containsKey(LlmJobsFactory.KEY_PARAMETER_ENV)) {
            Map<String, String> llmEnv = new HashMap<>(env);
            if (params.get("Provider").equals("bedrock")) llmEnv.put(LlmJobsFactory.BASE_URL_ENV, endpoint().toString());
            llmEnv.put(LlmJobsFactory.MAX_ATTEMPTS_ENV, "1");
            ProviderConfig config = LlmJobsFactory.config(llmEnv, LlmJobsFactory.ssm(client(SsmClient.builder())));
            if (config != null && params.get("Provider").equals("bedrock")) {
                // Bedrock's client takes the default credential chain, whose first link is these properties.
                System.setProperty("aws.accessKeyId", "AKIDTEST");
                System.setProperty("aws.secretAccessKey", "secret");
                try {
                    var analyst = Providers.create(config, d -> { }, null).analyst();
                    try {
                        analyst.analyze(new OutboundMessage("s", Channel.SMS, null, "Hi! Reply STOP to opt out."), true);
                    } catch (RuntimeException refused) {
                        // the stub refuses after recording the call; the analyst may also degrade instead of throwing
                    }
                } finally {
                    System.clearProperty("aws.accessKeyId");
                    System.clearProperty("aws.secretAccessKey");
                }
            }
        }
        return new ArrayList<>(calls);
    }

    @Test
    void everyAwsCallIsAllowedByItsFunctionsPolicyAndEveryGrantIsUsed() {
        Map<String, Set<String>> unused = new java.util.TreeMap<>();
        StringBuilder denied = new StringBuilder();
        Set<String> seenActions = new TreeSet<>();
        for (String provider : List.of("offline", "bedrock", "openai", "ollama")) {
            Map<String, String> params = parameters(provider);
            for (SamTemplate.FunctionDef f : t.functions().values()) {
                List<String[]> allowed = allowed(f.logicalId(), params);
                List<String[]> made = callsOf(f.logicalId(), params);
                for (String[] c : made) {
                    seenActions.add(c[0]);
                    boolean ok = allowed.stream().anyMatch(a -> a[0].equals(c[0]) && matches(a[1], c[1]));
                    if (!ok) denied.append(provider).append(": ").append(f.logicalId()).append(" calls ").append(c[0])
                            .append(" on ").append(c[1]).append('\n');
                }
                for (String[] a : allowed) {
                    String grant = a[0] + " " + a[1];
                    boolean used = made.stream().anyMatch(c -> c[0].equals(a[0]) && matches(a[1], c[1]))
                            // kms:Decrypt happens inside SSM for a SecureString under the customer key
                            || a[0].equals("kms:Decrypt") && made.stream().anyMatch(c -> c[0].equals("ssm:GetParameter"))
                            // the policy allows the foundation models a cross-region profile routes to
                            || a[0].equals("bedrock:InvokeModel") && made.stream().anyMatch(c -> c[0].equals(a[0]));
                    String key = provider + " " + f.logicalId();
                    if (!used) unused.computeIfAbsent(key, k -> new TreeSet<>()).add(grant);
                }
            }
        }
        assertEquals("", denied.toString(), "calls the policies do not allow");
        assertEquals(Map.of(), unused, "grants no call uses");
        assertEquals(Set.of("ssm:GetParameter", "bedrock:InvokeModel", "states:StartExecution", "states:StopExecution", "events:PutEvents"),
                seenActions, "every kind of call was exercised");
    }

    @Test
    void withTheOfflineEngineNoFunctionMayReadTheKeyOrCallBedrock() {
        Map<String, String> params = parameters("offline");
        for (SamTemplate.FunctionDef f : t.functions().values()) {
            for (String[] a : allowed(f.logicalId(), params)) {
                assertFalse(a[0].startsWith("ssm:") || a[0].startsWith("bedrock:") || a[0].startsWith("kms:"),
                        f.logicalId() + " may " + a[0] + " with Provider=offline");
            }
        }
    }

    Map<String, Object> props(String logicalId) {
        return map(map(t.resources().get(logicalId)).get("Properties"));
    }

    static Map<String, Object> map(Object o) {
        return TemplateDeployTest.map(o);
    }

    static List<Object> list(Object o) {
        return TemplateDeployTest.list(o);
    }
}
