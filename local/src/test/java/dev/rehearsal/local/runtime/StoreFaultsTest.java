package dev.rehearsal.local.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.local.asl.Execution;
import dev.rehearsal.local.asl.ExecutionStatus;
import dev.rehearsal.store.Interaction;
import dev.rehearsal.store.Page;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.TestIds;
import dev.rehearsal.store.local.Dynalite;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole seven-persona run through a fault-injecting proxy in front of dynalite: 10% of DynamoDB
 * calls are throttled ({@code ProvisionedThroughputExceededException}), answered 500 after the write
 * was applied (the answer lost, so the SDK retries a write that already happened), or dropped. The
 * store's retries and conditional writes must end the run with every interaction once.
 */
class StoreFaultsTest {
    static final String ACCOUNT = "faulty";

    /** Forwards to dynalite; injects faults with a fixed seed. */
    static final class FaultProxy implements AutoCloseable {
        final HttpServer server;
        final HttpClient http = HttpClient.newHttpClient();
        final Random random = new Random(12);
        final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        FaultProxy(URI target, double rate) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(8));
            server.createContext("/", x -> handle(x, target, rate));
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private void handle(HttpExchange x, URI target, double rate) {
            try (x) {
                byte[] body = x.getRequestBody().readAllBytes();
                calls.incrementAndGet();
                double r;
                synchronized (random) {
                    r = random.nextDouble();
                }
                if (r < rate / 3) {
                    count("throttled");
                    send(x, 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                            + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}");
                    return;
                }
                if (r < rate * 2 / 3) {
                    count("dropped");
                    return; // closed without an answer
                }
                HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(x.getRequestURI().getPath()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                for (String h : List.of("Content-Type", "X-Amz-Target", "Authorization", "X-Amz-Date")) {
                    String v = x.getRequestHeaders().getFirst(h);
                    if (v != null) b.header(h, v);
                }
                HttpResponse<byte[]> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r < rate) {
                    count("500 after applying");
                    send(x, 500, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"Internal\"}");
                    return;
                }
                x.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                x.sendResponseHeaders(resp.statusCode(), resp.body().length == 0 ? -1 : resp.body().length);
                if (resp.body().length > 0) try (OutputStream o = x.getResponseBody()) {
                    o.write(resp.body());
                }
            } catch (Exception e) {
                // the client sees a dropped connection
            }
        }

        private void count(String what) {
            injected.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        }

        private static void send(HttpExchange x, int status, String json) throws java.io.IOException {
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            x.sendResponseHeaders(status, b.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(b);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    @Test
    void aRunThroughTenPercentDynamoDbFaultsEndsWithEveryInteractionOnce() throws Exception {
        String table = "faults-" + UUID.randomUUID();
        TableAdmin.createTable(Dynalite.shared().client(), table);
        try (FaultProxy proxy = new FaultProxy(Dynalite.shared().endpoint(), 0.10)) {
            DynamoDbClient client = DynamoDbClient.builder().endpointOverride(proxy.endpoint()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.builder().socketTimeout(java.time.Duration.ofSeconds(5)).build())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .overrideConfiguration(o -> o.retryStrategy(
                            software.amazon.awssdk.awscore.retry.AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                    .maxAttempts(10).build()))
                    .build();
            Store store = Store.over(new Table(client, table));
            String wf = Files.readString(RuntimeFixture.projectFile("examples/sms-lead-followup.workflow.json"));
            int v = store.workflows().save(ACCOUNT, "sms-lead-followup", wf).value().version();
            RunRecord run = store.runs().create(ACCOUNT, "run-" + UUID.randomUUID().toString().replace("-", ""),
                    "sms-lead-followup", v, PersonaCatalog.BUILT_IN_IDS, 7).value();
            try (LocalRuntime rt = RuntimeFixture.runtime(store)) {
                Execution ex = rt.start(new RunRef(ACCOUNT, run.runId(), run.workflowId(), run.workflowVersion()));
                ex.await(120, TimeUnit.SECONDS);
                assertEquals(ExecutionStatus.SUCCEEDED, ex.status(), ex + " faults " + proxy.injected);
            }
            assertEquals(RunStatus.COMPLETED, store.runs().get(ACCOUNT, run.runId()).orElseThrow().status());
            int interactions = 0;
            for (String persona : PersonaCatalog.BUILT_IN_IDS) {
                List<Integer> steps = new ArrayList<>();
                String token = null;
                do {
                    Page<Interaction> p = store.runs().interactions(ACCOUNT, run.runId(), TestIds.of(run.runId(), persona),
                            100, token);
                    p.items().forEach(i -> steps.add(i.stepIndex()));
                    token = p.nextToken();
                } while (token != null);
                for (int i = 0; i < steps.size(); i++) assertEquals(i, steps.get(i), persona + " " + steps);
                assertTrue(!steps.isEmpty(), persona);
                interactions += steps.size();
            }
            int faults = proxy.injected.values().stream().mapToInt(AtomicInteger::get).sum();
            assertTrue(faults > 0, "faults were injected");
            System.out.println("store-faults: " + proxy.calls.get() + " DynamoDB calls, " + faults + " faults " + proxy.injected
                    + "; run COMPLETED with " + interactions + " interactions, 0 lost, 0 duplicated");
        }
    }
}
