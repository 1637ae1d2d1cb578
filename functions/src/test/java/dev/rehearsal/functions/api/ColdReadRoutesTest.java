package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read route's first event in a fresh JVM loads no data binding (the mapper and its serializers are several hundred
 * classes a cold container would load for nothing: docs/PERFORMANCE.md, "Sixth round"). Each case runs the API handler
 * in a child JVM against dynalite, as Lambda would, and reads the classes it loaded while handling the event.
 */
class ColdReadRoutesTest {
    private static Dynalite dynalite;
    private static String table;

    @BeforeAll
    static void seed() throws Exception {
        dynalite = Dynalite.start(null);
        table = "cold-" + UUID.randomUUID();
        TableAdmin.createTable(dynalite.client(), table);
        Store store = Store.over(new Table(dynalite.client(), table));
        ApiHandler api = new ApiHandler(new Services(store, run -> { }));
        ObjectMapper events = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        for (String seed : List.of("put-persona", "put-workflow")) {
            APIGatewayV2HTTPResponse r = api.handle(events.readValue(event(seed).toFile(), APIGatewayV2HTTPEvent.class));
            assertEquals(2, r.getStatusCode() / 100, seed + ": " + r.getBody());
        }
        // the run of get-test and get-test-report, with a report
        String runId = "run-211a519c912b1193f79e68c11cbb9efa";
        store.runs().create("acme-dental", runId, "dental-reactivation", 1, List.of("eager-eddie"), 7);
        store.runs().putReport("acme-dental", runId, "{\"version\":3,\"score\":90,\"personas\":[]}");
    }

    @AfterAll
    static void stop() {
        if (dynalite != null) dynalite.close();
    }

    static Path event(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("events/api"))) p = p.getParent();
        return p.resolve("events/api/" + name + ".json");
    }

    /** Runs in the child JVM: one event through a fresh handler, then a line marking the end of the handling. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            ApiHandler handler = new ApiHandler();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var in = Files.newInputStream(Path.of(args[0]))) {
                handler.handleRequest(in, out, null);
            }
            System.out.flush();
            System.out.println("HANDLED " + out.toString(StandardCharsets.UTF_8).replace('\n', ' '));
            System.out.flush();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"get-persona", "get-workflow", "list-workflows", "get-test", "get-test-report", "list-tests"})
    void aReadRoutesFirstEventLoadsNoDataBinding(String route) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xlog:class+load=info:stdout", "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), event(route).toString())
                .redirectErrorStream(true);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().put("TABLE_NAME", table);
        pb.environment().put("DYNAMODB_ENDPOINT", dynalite.endpoint().toString());
        pb.environment().put("AWS_REGION", "us-east-1");
        pb.environment().put("PROVIDER", "offline");
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) lines.add(l);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child ends");
        int handled = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith("HANDLED ")) handled = i;
        assertTrue(handled > 0, () -> "the child handled the event: " + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        String answer = lines.get(handled);
        assertTrue(answer.contains("\"statusCode\":200"), answer);
        int loaded = 0;
        List<String> binding = new ArrayList<>();
        for (String l : lines.subList(0, handled)) {
            if (!l.contains(" source: ")) continue;
            loaded++;
            String name = l.substring(l.indexOf("] ", l.indexOf("class,load")) + 2, l.indexOf(" source: "));
            if (name.equals("com.fasterxml.jackson.databind.ObjectMapper") || name.startsWith("com.fasterxml.jackson.databind.ser.")
                    || name.startsWith("com.fasterxml.jackson.databind.deser.Bean")) binding.add(name);
        }
        assertTrue(loaded > 1_000, "the class-load log was read: " + loaded + " classes");
        assertTrue(binding.isEmpty(), () -> route + " loaded " + binding.size() + " data-binding classes, e.g. "
                + binding.subList(0, Math.min(3, binding.size())));
    }
}
