package dev.rehearsal.local.runtime;

import dev.rehearsal.functions.http.Accounts;
import dev.rehearsal.functions.llm.LlmJobsFactory;
import dev.rehearsal.providers.core.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a deployment of template.yaml depends on and cfn-lint cannot see: the artifact SAM deploys is
 * the one Maven builds, every route needs a scope, throttles and concurrency caps exist, provider
 * retries fit the function timeouts, provider permissions follow the provider, the schedule has a
 * dead-letter queue, the table is protected, names carry the stage, and samconfig.toml only sets
 * parameters the template has.
 */
class TemplateDeployTest {
    final SamTemplate t = SamTemplate.load(RuntimeFixture.projectFile("template.yaml"));

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    Map<String, Object> props(String logicalId) {
        return map(map(t.resources().get(logicalId)).get("Properties"));
    }

    Map<String, Object> globals() {
        return map(map(t.root().get("Globals")).get("Function"));
    }

    Map<String, Object> parameter(String name) {
        Map<String, Object> p = map(map(t.root().get("Parameters")).get(name));
        assertFalse(p.isEmpty(), "parameter " + name + " exists");
        return p;
    }

    // ---- build

    @Test
    void theCodeUriIsTheZipMavenBuildsAndSamTreatsAsPrebuilt() throws Exception {
        String codeUri = String.valueOf(globals().get("CodeUri"));
        // SAM CLI (samcli/lib/providers/provider.py, get_function_build_info): a CodeUri ending in .zip is
        // PreZipped and never built; a .jar would be handed to the Java builder, which cannot build it.
        assertTrue(codeUri.endsWith(".zip"), codeUri);
        for (SamTemplate.FunctionDef f : t.functions().values()) {
            assertFalse(props(f.logicalId()).containsKey("CodeUri"), f.logicalId() + " uses the global package");
        }
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(RuntimeFixture.projectFile("functions/pom.xml").toFile());
        Element zip = execution(pom, "lambda-zip");
        String dir = text(zip, "outputDirectory").replace("${project.build.directory}", "functions/target");
        assertEquals(codeUri, dir + "/" + text(zip, "finalName") + ".zip", "template CodeUri vs the assembly's output");
        assertEquals("false", text(zip, "appendAssemblyId"));
        String descriptor = Files.readString(RuntimeFixture.projectFile("functions/" + text(zip, "descriptor")));
        assertTrue(descriptor.contains("<format>zip</format>") && descriptor.contains("<outputDirectory>lib</outputDirectory>")
                && descriptor.contains("functions.jar"), "the zip holds the shaded jar under lib/, on the Java runtime's classpath");
        assertEquals("${project.build.directory}/functions.jar", text(execution(pom, "lambda"), "outputFile"),
                "the jar the zip packs is the shade plugin's output");

        // After `mvn package` (always so under `mvn verify`), the zip holds every handler the template names.
        Path built = RuntimeFixture.projectFile(codeUri);
        if (Files.exists(built)) {
            try (ZipFile z = new ZipFile(built.toFile())) {
                ZipEntry jar = z.getEntry("lib/functions.jar");
                assertNotNull(jar, built + " has lib/functions.jar");
                Set<String> classes = new TreeSet<>();
                try (JarInputStream in = new JarInputStream(z.getInputStream(jar))) {
                    for (var e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) classes.add(e.getName());
                }
                for (SamTemplate.FunctionDef f : t.functions().values()) {
                    assertTrue(classes.contains(f.handlerClass().replace('.', '/') + ".class"), f.handler());
                }
            }
        }
    }

    static Element execution(Document pom, String id) {
        NodeList ids = pom.getElementsByTagName("id");
        for (int i = 0; i < ids.getLength(); i++) {
            if (ids.item(i).getTextContent().trim().equals(id) && ids.item(i).getParentNode().getNodeName().equals("execution")) {
                return (Element) ids.item(i).getParentNode();
            }
        }
        throw new AssertionError("no execution " + id + " in functions/pom.xml");
    }

    static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        assertTrue(n.getLength() > 0, tag + " in execution");
        return n.item(0).getTextContent().trim();
    }

    // ---- tenancy

    @Test
    void everyRouteRequiresAScopeAndNoneAcceptsTheActForAccountScopeAlone() {
        Map<String, Object> auth = map(props("RehearsalApi").get("Auth"));
        assertEquals("CrmJwt", auth.get("DefaultAuthorizer"));
        int routes = 0;
        for (var res : t.resources().entrySet()) {
            for (var ev : map(map(map(res.getValue()).get("Properties")).get("Events")).entrySet()) {
                Map<String, Object> e = map(ev.getValue());
                if (!"HttpApi".equals(e.get("Type"))) continue;
                routes++;
                Map<String, Object> p = map(e.get("Properties"));
                String route = p.get("Method") + " " + p.get("Path");
                List<Object> scopes = list(map(p.get("Auth")).get("AuthorizationScopes"));
                if (route.equals("ANY /{proxy+}")) {
                    // The catch-all only answers 404/405 in the API's envelope (issue 12): a valid token, no scope.
                    assertTrue(scopes.isEmpty(), route + " needs no scope");
                    continue;
                }
                assertFalse(scopes.isEmpty(), route + " declares its scopes");
                assertFalse(scopes.contains(Accounts.ACT_FOR_ACCOUNT_SCOPE), route + ": acting for an account is not access");
                assertTrue(scopes.contains("rehearsal/write"), route);
                if ("GET".equals(p.get("Method"))) assertEquals(List.of("rehearsal/read", "rehearsal/write"), scopes, route);
                else assertEquals(List.of("rehearsal/write"), scopes, route);
            }
        }
        assertEquals(t.routes().size(), routes);
        assertEquals(List.of("true", "false"), list(parameter("SingleTenant").get("AllowedValues")));
        assertEquals("false", parameter("SingleTenant").get("Default"), "multi-tenant unless a stage says otherwise");
        assertEquals(Map.of("Ref", "SingleTenant"), env("ApiFunction").get(Accounts.SINGLE_TENANT_ENV));
    }

    Map<String, Object> env(String fn) {
        return map(map(props(fn).get("Environment")).get("Variables"));
    }

    // ---- limits

    @Test
    void theApiIsThrottledWithALowerLimitOnTestStartsAndConcurrencyIsReserved() {
        Map<String, Object> api = props("RehearsalApi");
        Map<String, Object> dflt = map(api.get("DefaultRouteSettings"));
        assertEquals(Map.of("Ref", "ApiThrottleRate"), dflt.get("ThrottlingRateLimit"));
        assertEquals(Map.of("Ref", "ApiThrottleBurst"), dflt.get("ThrottlingBurstLimit"));
        Map<String, Object> perRoute = map(api.get("RouteSettings"));
        assertFalse(perRoute.isEmpty());
        for (String route : perRoute.keySet()) assertTrue(t.routes().containsKey(route), route + " is a route");
        assertTrue(map(perRoute.get("POST /workflows/{id}/test")).containsKey("ThrottlingRateLimit"));
        assertTrue(((Number) parameter("StartTestThrottleRate").get("Default")).intValue()
                < ((Number) parameter("ApiThrottleRate").get("Default")).intValue());
        for (String fn : List.of("ApiFunction", "ExecuteStepFunction", "RegressionFunction")) {
            List<Object> reserved = list(map(props(fn).get("ReservedConcurrentExecutions")).get("Fn::If"));
            assertEquals("ReservesConcurrency", reserved.get(0), fn + " reserves concurrency when the stage does");
            assertEquals(Map.of("Ref", "AWS::NoValue"), reserved.get(2), fn);
        }
        assertEquals(1, list(map(props("RegressionFunction").get("ReservedConcurrentExecutions")).get("Fn::If")).get(1),
                "one nightly regression at a time");
        assertEquals(Map.of("Ref", "MaxActiveRunsPerAccount"), env("ApiFunction").get("MAX_ACTIVE_RUNS"));
        assertEquals(Map.of("Ref", "DailyLlmBudgetUsd"), env("ApiFunction").get("DAILY_LLM_BUDGET_USD"));
    }

    @Test
    void everyStepThatChoosesOrRunsTheResponderIsToldTheProvider() {
        // LoadRun picks the walking path (batched offline or stepped per paid reply) from it: without it an
        // LLM deployment walked offline while the report named the LLM.
        for (String fn : List.of("LoadRunFunction", "ExecuteStepFunction", "ValidateMessagesFunction", "GenerateReportFunction")) {
            assertEquals(Map.of("Ref", "Provider"), env(fn).get("PROVIDER"), fn);
        }
    }

    @Test
    void providerAttemptsAndTimeoutsFitInsideEachFunctionsTimeout() {
        int globalTimeout = ((Number) globals().get("Timeout")).intValue();
        long maxDelay = RetryPolicy.standard(1).maxDelay().toSeconds();
        int checked = 0;
        for (SamTemplate.FunctionDef f : t.functions().values()) {
            Map<String, Object> env = env(f.logicalId());
            // The API function only estimates, LoadRun only picks the walking path: neither calls a provider.
            if (!env.containsKey(LlmJobsFactory.PROVIDER_ENV) || Set.of("ApiFunction", "LoadRunFunction").contains(f.logicalId())) continue;
            checked++;
            int timeout = ((Number) props(f.logicalId()).getOrDefault("Timeout", globalTimeout)).intValue();
            assertTrue(env.containsKey(LlmJobsFactory.TIMEOUT_ENV) && env.containsKey(LlmJobsFactory.MAX_ATTEMPTS_ENV),
                    f.logicalId() + " sets its own provider timeout and attempts");
            long perCall = Long.parseLong(String.valueOf(env.get(LlmJobsFactory.TIMEOUT_ENV)));
            long attempts = Long.parseLong(String.valueOf(env.get(LlmJobsFactory.MAX_ATTEMPTS_ENV)));
            // every attempt times out, and each retry waits the longest back-off (or Retry-After) allowed
            long worst = attempts * perCall + (attempts - 1) * maxDelay;
            assertTrue(worst + 10 <= timeout, f.logicalId() + ": " + attempts + " x " + perCall + " s + back-off = "
                    + worst + " s must leave 10 s of its " + timeout + " s timeout");
        }
        assertEquals(4, checked, "ValidateMessages, ExecuteStep, GenerateReport, Regression");
    }

    // ---- permissions and data

    @Test
    void providerPermissionsExistOnlyUnderTheProvidersCondition() {
        Map<String, Object> conditions = map(t.root().get("Conditions"));
        assertEquals(Map.of("Fn::Equals", List.of(Map.of("Ref", "Provider"), "bedrock")), conditions.get("UsesBedrock"));
        assertTrue(String.valueOf(conditions.get("UsesProviderKey")).contains("openai")
                && String.valueOf(conditions.get("UsesProviderKey")).contains("ollama"));
        Map<String, String> conditionOf = Map.of("ssm:", "UsesProviderKey", "bedrock:", "UsesBedrock", "kms:", "HasProviderKeyKmsKey");
        int guarded = 0;
        for (SamTemplate.FunctionDef f : t.functions().values()) {
            for (Object policy : list(props(f.logicalId()).get("Policies"))) {
                List<Object> ifs = list(map(policy).get("Fn::If"));
                Map<String, Object> doc = ifs.isEmpty() ? map(policy) : map(ifs.get(1));
                for (Object st : list(doc.get("Statement"))) {
                    Object a = map(st).get("Action");
                    for (Object action : a instanceof List<?> l ? l : List.of(a)) {
                        for (var e : conditionOf.entrySet()) {
                            if (!String.valueOf(action).startsWith(e.getKey())) continue;
                            assertFalse(ifs.isEmpty(), f.logicalId() + " grants " + action + " unconditionally");
                            assertEquals(e.getValue(), ifs.get(0), f.logicalId() + " " + action);
                            assertEquals(Map.of("Ref", "AWS::NoValue"), ifs.get(2));
                            guarded++;
                        }
                    }
                }
            }
        }
        assertEquals(12, guarded, "ssm, kms and bedrock for the four provider functions");
    }

    @Test
    void theNightlyScheduleHasADeadLetterQueueAndAStageScopedName() {
        Map<String, Object> nightly = map(map(map(props("RegressionFunction").get("Events")).get("Nightly")).get("Properties"));
        assertEquals(Map.of("Fn::GetAtt", "RegressionDeadLetters.Arn"), map(nightly.get("DeadLetterConfig")).get("Arn"));
        assertTrue(((Number) map(nightly.get("RetryPolicy")).get("MaximumRetryAttempts")).intValue() >= 1);
        assertTrue(String.valueOf(nightly.get("Name")).contains("${Stage}"), "SAM names a schedule by its logical id "
                + "unless told otherwise; two stages in one account would collide");
        Map<String, Object> invoke = map(props("RegressionFunction").get("EventInvokeConfig"));
        assertEquals(0, invoke.get("MaximumRetryAttempts"), "a failed night is not re-run whole");
        assertEquals(Map.of("Fn::GetAtt", "RegressionDeadLetters.Arn"),
                map(map(invoke.get("DestinationConfig")).get("OnFailure")).get("Destination"));
        assertEquals("AWS::SQS::Queue", map(t.resources().get("RegressionDeadLetters")).get("Type"));
    }

    @Test
    void theTableIsProtectedAndLogsMaskContactData() {
        assertEquals(Map.of("Ref", "TableDeletionProtection"), props("RehearsalTable").get("DeletionProtectionEnabled"));
        assertEquals("true", parameter("TableDeletionProtection").get("Default"));
        assertEquals("Retain", map(t.resources().get("RehearsalTable")).get("DeletionPolicy"));
        assertEquals(Map.of("Ref", "FunctionLogs"), map(globals().get("LoggingConfig")).get("LogGroup"));
        Map<String, Object> policy = map(props("FunctionLogs").get("DataProtectionPolicy"));
        List<String> masked = new ArrayList<>();
        boolean deidentifies = false;
        for (Object st : list(policy.get("Statement"))) {
            Map<String, Object> op = map(map(st).get("Operation"));
            if (op.containsKey("Deidentify")) {
                deidentifies = true;
                for (Object id : list(map(st).get("DataIdentifier"))) masked.add(String.valueOf(map(id).get("Fn::Sub")));
            }
        }
        assertTrue(deidentifies, "the policy masks, not only audits");
        for (String id : List.of("EmailAddress", "PhoneNumber-US", "Name", "Address")) {
            assertTrue(masked.stream().anyMatch(m -> m.endsWith("data-identifier/" + id)), id + " masked: " + masked);
        }
    }

    @Test
    void everyFunctionWritesWithTheStagesRetention() {
        Map<String, Object> env = map(map(globals().get("Environment")).get("Variables"));
        assertEquals(Map.of("Ref", "RunRetentionDays"), env.get(dev.rehearsal.store.Retention.RUNS_ENV));
        assertEquals(Map.of("Ref", "DefinitionRetentionDays"), env.get(dev.rehearsal.store.Retention.DEFINITIONS_ENV));
        assertEquals(Map.of("Ref", "ReplayRetentionDays"), env.get(dev.rehearsal.store.Retention.REPLAYS_ENV));
        Map<String, Object> ttl = map(props("RehearsalTable").get("TimeToLiveSpecification"));
        assertEquals("expiresAt", ttl.get("AttributeName"));
        assertEquals(true, ttl.get("Enabled"));
    }

    @Test
    void everyExplicitNameCarriesTheStage() {
        Pattern named = Pattern.compile("^(TableName|Name|QueueName|LogGroupName)$");
        Map<String, String> names = new LinkedHashMap<>();
        collectNames("", t.resources(), named, names);
        assertTrue(names.size() >= 5, names.toString());
        names.forEach((where, value) -> assertTrue(value.contains("${Stage}"), where + " = " + value));
    }

    private static void collectNames(String path, Object node, Pattern named, Map<String, String> out) {
        if (node instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (named.matcher(key).matches() && map(e.getValue()).containsKey("Fn::Sub")
                        || named.matcher(key).matches() && e.getValue() instanceof String) {
                    Object v = e.getValue() instanceof String s ? s : map(e.getValue()).get("Fn::Sub");
                    // Metric dimensions name a dimension, not a resource.
                    if (!path.contains("DataProtectionPolicy") && !path.endsWith("/Dimensions")) out.put(path + "/" + key, String.valueOf(v));
                } else {
                    collectNames(path + "/" + key, e.getValue(), named, out);
                }
            }
        } else if (node instanceof List<?> l) {
            for (Object o : l) collectNames(path, o, named, out);
        }
    }

    // ---- samconfig.toml

    @Test
    void samconfigDeploysEachStageAsItsOwnStackWithParametersTheTemplateHas() throws Exception {
        String toml = Files.readString(RuntimeFixture.projectFile("samconfig.toml"));
        Matcher section = Pattern.compile("(?m)^\\[([a-z]+)\\.deploy\\.parameters]$").matcher(toml);
        Map<String, String> stageOfEnv = new LinkedHashMap<>();
        Set<String> stacks = new TreeSet<>();
        Set<String> params = map(t.root().get("Parameters")).keySet();
        while (section.find()) {
            int end = toml.indexOf("\n[", section.end());
            String body = toml.substring(section.end(), end < 0 ? toml.length() : end);
            Matcher stack = Pattern.compile("stack_name = \"([^\"]+)\"").matcher(body);
            assertTrue(stack.find(), section.group(1));
            Matcher overrides = Pattern.compile("parameter_overrides = \"(.*)\"").matcher(body);
            assertTrue(overrides.find(), section.group(1));
            Matcher kv = Pattern.compile("(\\w+)=\\\\\"([^\\\\]*)\\\\\"").matcher(overrides.group(1));
            Map<String, String> values = new LinkedHashMap<>();
            while (kv.find()) values.put(kv.group(1), kv.group(2));
            for (String p : values.keySet()) assertTrue(params.contains(p), section.group(1) + " sets unknown parameter " + p);
            assertTrue(values.get("Stage").matches("^[a-z0-9-]{1,16}$"), section.group(1));
            assertTrue(stack.group(1).endsWith("-" + values.get("Stage")), section.group(1) + ": the stack is named for its stage");
            if (!section.group(1).equals("default")) {
                assertEquals(section.group(1), values.get("Stage"));
                assertTrue(stacks.add(stack.group(1)), "one stack per stage");
            }
            stageOfEnv.put(section.group(1), values.get("Stage"));
        }
        assertEquals(Set.of("default", "dev", "staging", "prod"), stageOfEnv.keySet());
    }
}
