package dev.rehearsal.functions.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.functions.api.ApiHandler;
import dev.rehearsal.functions.api.Services;
import dev.rehearsal.functions.steps.InitSimulation;
import dev.rehearsal.functions.steps.StepServices;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Cold start, fresh JVM to first handled event, of ExecuteStep and the API handler against the
 * bare DynamoDB-client handlers ({@link BareDynamoHandler}, {@link BareDynamoGetHandler}); see
 * docs/PERFORMANCE.md. Each measurement is a new {@code java} process running
 * {@link LambdaColdStart} on the shaded Lambda jar {@code functions/target/functions.jar} (plus
 * this module's test classes for the launcher and the bare handlers), with the JVM flags of
 * template.yaml's {@code JAVA_TOOL_OPTIONS}, against a dynalite server seeded here.
 *
 * <p>Usage (from the repository root, after {@code mvn -o -q -B -pl functions -am package -DskipTests}
 * and {@code mvn -o -q -B -pl functions -am test-compile}):
 * <pre>
 * java -cp functions/target/functions.jar:functions/target/test-classes \
 *     dev.rehearsal.functions.bench.ColdStartBenchmark [REPS] [JAVA_EXECUTABLE ...]
 * </pre>
 * REPS fresh JVMs per handler and JDK (default 7), after one discarded warm-up round (page cache).
 * Rounds interleave the handlers so machine noise hits them alike. Default JDK: the one running this.
 */
public final class ColdStartBenchmark {
    static final String ACCOUNT = "acme-dental";
    /** The API cases' event, a file of events/api/ (-Dcoldstart.apiEvent=get-workflow; default get-persona). */
    static final String API_EVENT = System.getProperty("coldstart.apiEvent", "get-persona");
    private static final Map<String, String> API_ROUTES = Map.of("get-persona", "GET /personas/{id}",
            "get-workflow", "GET /workflows/{id}");
    static final List<String> JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

    /** {@code cp}: the classpath to run, null for this checkout's. */
    record Case(String name, String mode, String handler, String cp) {
        Case(String name, String mode, String handler) {
            this(name, mode, handler, null);
        }
    }

    /** Wall times in µs from the parent's clock; {@code cpu}: the child's CPU µs up to its answer (-1 if unknown). */
    record Sample(long total, long jvm, long init, long handle, long cpu) {
    }

    private ColdStartBenchmark() {
    }

    static Path root() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("template.yaml")) && Files.isDirectory(d.resolve("functions"))) return d;
        }
        throw new IllegalStateException("run from the repository (no template.yaml above " + Path.of("").toAbsolutePath() + ")");
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        List<String> javas = new ArrayList<>();
        for (int i = 1; i < args.length; i++) javas.add(args[i]);
        if (javas.isEmpty()) javas.add(ProcessHandle.current().info().command().orElse("java"));

        Path root = root();
        Path jar = root.resolve("functions/target/functions.jar");
        Path testClasses = root.resolve("functions/target/test-classes");
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: mvn -pl functions -am package");
        String cp = jar + File.pathSeparator + testClasses;
        ObjectMapper events = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

        try (Dynalite dynalite = Dynalite.start(null)) {
            String table = "bench-" + UUID.randomUUID();
            TableAdmin.createTable(dynalite.client(), table);
            Store store = Store.over(new Table(dynalite.client(), table));

            // the API event's persona (GET /personas/dana-the-dentist-patient of acme-dental)
            APIGatewayV2HTTPEvent put = events.readValue(root.resolve("events/api/put-persona.json").toFile(),
                    APIGatewayV2HTTPEvent.class);
            APIGatewayV2HTTPResponse r = new ApiHandler(new Services(store, run -> { })).handle(put);
            if (r.getStatusCode() / 100 != 2) throw new IllegalStateException("seeding the persona: " + r.getStatusCode() + " " + r.getBody());
            // and its workflow (GET /workflows/dental-reactivation), for -Dcoldstart.apiEvent=get-workflow
            APIGatewayV2HTTPEvent putWorkflow = events.readValue(root.resolve("events/api/put-workflow.json").toFile(),
                    APIGatewayV2HTTPEvent.class);
            r = new ApiHandler(new Services(store, run -> { })).handle(putWorkflow);
            if (r.getStatusCode() / 100 != 2) throw new IllegalStateException("seeding the workflow: " + r.getStatusCode() + " " + r.getBody());
            Path apiEvent = root.resolve("events/api/" + API_EVENT + ".json");

            // one fresh run per ExecuteStep process: each gets the first step of eager-eddie
            String wf = Files.readString(root.resolve("examples/sms-lead-followup.workflow.json"));
            int v = store.workflows().save(ACCOUNT, "sms-lead-followup", wf).value().version();
            InitSimulation init = new InitSimulation(new StepServices(store, new OfflinePersonaEngine()));
            Path tmp = Files.createTempDirectory("coldstart");
            List<Path> cursors = new ArrayList<>();
            int executeSteps = 4 + (System.getProperty("coldstart.before", "").isBlank() ? 0 : System.getProperty("coldstart.before").split(",").length);
            for (int i = 0; i < (reps + 1) * javas.size() * executeSteps; i++) { // one fresh run per ExecuteStep process
                String runId = "run-" + UUID.randomUUID().toString().replace("-", "");
                RunRecord run = store.runs().create(ACCOUNT, runId, "sms-lead-followup", v, List.of("eager-eddie"), 7).value();
                JsonNode cursor = init.handle(Json.mapper().createObjectNode().put("accountId", ACCOUNT)
                        .put("runId", run.runId()).put("personaId", "eager-eddie"));
                Path f = tmp.resolve("cursor-" + i + ".json");
                Files.writeString(f, Json.write(cursor));
                cursors.add(f);
            }
            Path empty = tmp.resolve("empty.json");
            Files.writeString(empty, "{}");

            Map<String, String> env = new LinkedHashMap<>();
            env.put("TABLE_NAME", table);
            env.put("DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
            env.put("AWS_REGION", "us-east-1");
            env.put("PROVIDER", "offline");

            List<Case> cases = cases(System.getProperty("coldstart.before"), testClasses,
                    !"false".equals(System.getProperty("coldstart.primed")));
            int next = 0;
            for (String java : javas) {
                Map<Case, List<Sample>> samples = new LinkedHashMap<>();
                for (Case c : cases) samples.put(c, new ArrayList<>());
                String version = javaVersion(java);
                for (int round = 0; round <= reps; round++) {
                    for (Case c : cases) {
                        Path event = switch (c.handler()) {
                            case "dev.rehearsal.functions.steps.ExecuteStep" -> cursors.get(next++);
                            case "dev.rehearsal.functions.api.ApiHandler" -> apiEvent;
                            default -> empty;
                        };
                        Sample s = runOnce(java, c.cp() != null ? c.cp() : cp, env, c, event);
                        if (round > 0) samples.get(c).add(s);
                    }
                }
                report(version, reps, samples);
            }
        }
    }

    /**
     * The measured handlers. {@code before}: an earlier build's {@code functions.jar} (or several, comma-separated),
     * whose ExecuteStep and API handler then run in the same rounds, alternating with this build's, under this
     * checkout's launcher (-Dcoldstart.before=JAR[,JAR...]; on a shared box, noise then hits all alike). {@code primed}: also the
     * SnapStart-primed cases (-Dcoldstart.primed=false leaves them out).
     */
    static List<Case> cases(String before, Path testClasses, boolean primed) {
        List<Case> cases = new ArrayList<>(List.of(
                new Case("bare: DynamoDB client only", "stream", BareDynamoHandler.class.getName()),
                new Case("bare + one GetItem", "stream", BareDynamoGetHandler.class.getName()),
                new Case("ExecuteStep (eager-eddie, step 0)", "stream", "dev.rehearsal.functions.steps.ExecuteStep"),
                new Case("ApiHandler (" + API_ROUTES.getOrDefault(API_EVENT, API_EVENT) + ")", "api", "dev.rehearsal.functions.api.ApiHandler")));
        String[] jars = before == null || before.isBlank() ? new String[0] : before.split(",");
        for (String b : jars) {
            Path jar = Path.of(b.trim()).toAbsolutePath();
            if (!Files.isRegularFile(jar)) throw new IllegalStateException("coldstart.before: no jar at " + jar);
            String cp = jar + File.pathSeparator + testClasses;
            String label = jars.length == 1 ? "before" : "before " + jar.getFileName();
            cases.add(new Case("ExecuteStep, " + label, "stream", "dev.rehearsal.functions.steps.ExecuteStep", cp));
            cases.add(new Case("ApiHandler, " + label, "api", "dev.rehearsal.functions.api.ApiHandler", cp));
        }
        if (primed) {
            cases.add(new Case("ExecuteStep, primed (SnapStart)", "stream-primed", "dev.rehearsal.functions.steps.ExecuteStep"));
            cases.add(new Case("ApiHandler, primed (SnapStart)", "api-primed", "dev.rehearsal.functions.api.ApiHandler"));
        }
        return cases;
    }

    static String javaVersion(String java) throws Exception {
        Process p = new ProcessBuilder(java, "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : out.split("\n")) {
            if (line.trim().startsWith("java.runtime.version =")) return line.split("=", 2)[1].trim();
        }
        return java;
    }

    static Sample runOnce(String java, String cp, Map<String, String> env, Case c, Path event) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(JVM_FLAGS);
        // e.g. -Dcoldstart.jvmFlags=-Xlog:class+load:file=/tmp/cl-%p.txt:uptime to see what a first event loads
        String extra = System.getProperty("coldstart.jvmFlags", "");
        if (!extra.isBlank()) cmd.addAll(List.of(extra.trim().split("\\s+")));
        cmd.addAll(List.of("-cp", cp, LambdaColdStart.class.getName(), c.mode(), c.handler(), event.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        long t0 = LambdaColdStart.micros();
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) lines.add(line);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(c.name() + " failed:\n" + String.join("\n", lines));
        }
        String times = lines.stream().filter(l -> l.startsWith("COLDSTART ")).findFirst()
                .orElseThrow(() -> new IllegalStateException(c.name() + ": no COLDSTART line:\n" + String.join("\n", lines)));
        String output = lines.stream().filter(l -> l.startsWith("OUTPUT ")).findFirst().orElse("");
        check(c, output, lines);
        // -Dcoldstart.show=true: each process's pid and phase timestamps, to cut its class-load log into phases
        if (Boolean.getBoolean("coldstart.show")) System.out.println("SAMPLE pid=" + p.pid() + " case=" + c.mode() + ":" + c.handler() + (c.cp() == null ? "" : ":before") + " " + times);
        Map<String, Long> t = new LinkedHashMap<>();
        for (String kv : times.substring(10).split(" ")) t.put(kv.split("=")[0], Long.parseLong(kv.split("=")[1]));
        return new Sample(t.get("done") - t0, t.get("main") - t0, t.get("init") - t.get("main"), t.get("done") - t.get("init"),
                t.getOrDefault("cpu", -1L));
    }

    /** The benchmark is only worth something if every process really did the work. */
    static void check(Case c, String output, List<String> lines) {
        boolean ok = switch (c.handler()) {
            case "dev.rehearsal.functions.steps.ExecuteStep" -> output.contains("\"stepIndex\":1");
            case "dev.rehearsal.functions.api.ApiHandler" -> output.startsWith("OUTPUT 200 ")
                    && output.contains(API_EVENT.equals("get-workflow") ? "dental-reactivation" : "dana-the-dentist-patient");
            default -> output.startsWith("OUTPUT {");
        };
        if (!ok) throw new IllegalStateException(c.name() + " answered unexpectedly:\n" + String.join("\n", lines));
    }

    static double median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
    }

    static void report(String version, int reps, Map<Case, List<Sample>> samples) {
        System.out.printf(Locale.ROOT, "%nJDK %s, median of %d fresh JVMs (ms), flags %s%n", version, reps, JVM_FLAGS);
        System.out.println("| handler | JVM start to main | class init + constructor | first event | total | total / bare | total / bare + GetItem | min-max total | process CPU | CPU / bare |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double bare = -1, bareGet = -1, bareCpu = -1;
        for (Map.Entry<Case, List<Sample>> e : samples.entrySet()) {
            List<Sample> ss = e.getValue();
            double total = median(ss.stream().map(Sample::total).toList()) / 1000.0;
            if (bare < 0) bare = total;
            else if (bareGet < 0) bareGet = total;
            long min = ss.stream().mapToLong(Sample::total).min().orElse(0), max = ss.stream().mapToLong(Sample::total).max().orElse(0);
            String vsGet = bareGet < 0 ? "–" : String.format(Locale.ROOT, "%.2f×", total / bareGet);
            double cpu = median(ss.stream().map(Sample::cpu).toList()) / 1000.0;
            if (bareCpu < 0) bareCpu = cpu;
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f | %.2f× | %s | %.0f–%.0f | %.0f | %.2f× |%n", e.getKey().name(),
                    median(ss.stream().map(Sample::jvm).toList()) / 1000.0,
                    median(ss.stream().map(Sample::init).toList()) / 1000.0,
                    median(ss.stream().map(Sample::handle).toList()) / 1000.0,
                    total, total / bare, vsGet, min / 1000.0, max / 1000.0, cpu, cpu / bareCpu);
        }
    }
}
