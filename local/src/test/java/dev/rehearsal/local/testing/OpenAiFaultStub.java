package dev.rehearsal.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.local.cds.CannedOpenAiServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server speaking OpenAI's Chat Completions API (POST /v1/chat/completions) that fails a
 * set share of calls, drawn from a seeded random stream (so retries sometimes fail twice in a row, as
 * real outages do): with OpenAI's own 500 error body, or (see {@link #mixed}) with any of the faults a
 * provider shows in the wild.
 */
public final class OpenAiFaultStub implements AutoCloseable {
    /** What a faulty call gets. */
    public enum Fault {
        /** 429 with a Retry-After header, OpenAI's rate-limit body. */
        RATE_LIMITED,
        SERVER_ERROR_500,
        UNAVAILABLE_503,
        /** No answer for {@link #stallMs}: the client's timeout must end it. */
        STALL,
        /** 200 whose body is not JSON. */
        MALFORMED_JSON,
        /** 200, a well-formed completion whose content breaks the requested JSON schema. */
        SCHEMA_BREAKING
    }

    private final HttpServer server;
    private final double faultShare;
    private final long delayMs;
    private final List<Fault> kinds;
    private final long stallMs;
    public final AtomicInteger calls = new AtomicInteger(), faults = new AtomicInteger();
    public final Map<Fault, AtomicInteger> byKind = new java.util.concurrent.ConcurrentHashMap<>();
    /** Seeded, so a test run sees the same faults each time (up to the order concurrent calls arrive in). */
    private final java.util.SplittableRandom dice = new java.util.SplittableRandom(20261128L);

    public OpenAiFaultStub(double faultShare) {
        this(faultShare, 0);
    }

    /** Every answer takes {@code delayMs}, as a model's would; requests are served concurrently. */
    public OpenAiFaultStub(double faultShare, long delayMs) {
        this(faultShare, delayMs, List.of(Fault.SERVER_ERROR_500), 0);
    }

    /** {@code faultShare} of calls fail, each with one of every {@link Fault} kind in turn of the dice; stalls last {@code stallMs}. */
    public static OpenAiFaultStub mixed(double faultShare, long stallMs) {
        return new OpenAiFaultStub(faultShare, 0, List.of(Fault.values()), stallMs);
    }

    static {
        // The JDK's server writes an answer's headers and body in two segments: without TCP_NODELAY the body of every
        // answer on a reused connection waited for the client's delayed ACK (~40 ms, seen in JFR socket reads), a
        // delay no provider adds, which the benchmarks counted as ours. Read once, when the JVM's first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private OpenAiFaultStub(double faultShare, long delayMs, List<Fault> kinds, long stallMs) {
        this.faultShare = faultShare;
        this.delayMs = delayMs;
        this.kinds = List.copyOf(kinds);
        this.stallMs = stallMs;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openai-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        JsonNode body = Json.mapper().readTree(ex.getRequestBody());
        int n = calls.incrementAndGet();
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Fault fault = null;
        synchronized (dice) {
            if (dice.nextDouble() < faultShare) fault = kinds.get(dice.nextInt(kinds.size()));
        }
        if (fault != null) {
            faults.incrementAndGet();
            byKind.computeIfAbsent(fault, k -> new AtomicInteger()).incrementAndGet();
            if (fail(ex, fault, body)) return;
        }
        send(ex, 200, CannedOpenAiServer.completion(body, "chatcmpl-" + n));
    }

    /** Answers a faulty call; false when the fault is a stall that ended (the call is then answered normally, too late). */
    private boolean fail(HttpExchange ex, Fault fault, JsonNode body) throws IOException {
        switch (fault) {
            case RATE_LIMITED -> {
                ex.getResponseHeaders().add("Retry-After", "1");
                send(ex, 429, Json.write(Map.of("error", Map.of("message", "Rate limit reached for requests",
                        "type", "requests", "code", "rate_limit_exceeded"))));
            }
            case SERVER_ERROR_500 -> send(ex, 500, Json.write(Map.of("error", Map.of("message",
                    "The server had an error while processing your request. Sorry about that!", "type", "server_error"))));
            case UNAVAILABLE_503 -> send(ex, 503, Json.write(Map.of("error", Map.of("message",
                    "The engine is currently overloaded, please try again later", "type", "server_error"))));
            case STALL -> {
                try {
                    Thread.sleep(stallMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return false;
            }
            case MALFORMED_JSON -> send(ex, 200, "{\"id\": \"chatcmpl-x\", \"object\": \"chat.completion\", \"choices\": [{\"index\"");
            case SCHEMA_BREAKING -> send(ex, 200, CannedOpenAiServer.completion(body, "chatcmpl-fault", Map.of("unexpected", List.of(1, 2, 3), "likely_to_convert", "very")));
        }
        return true;
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        CannedOpenAiServer.send(ex, status, json);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
