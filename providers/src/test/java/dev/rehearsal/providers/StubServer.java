package dev.rehearsal.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A loopback HTTP server that answers from a script of canned responses and keeps every request. */
public final class StubServer implements AutoCloseable {
    public record Canned(int status, Map<String, String> headers, String body, long delayMillis) {
    }

    public record Received(String method, String path, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }

        public String header(String name) {
            for (var e : headers.entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue().get(0);
            return null;
        }
    }

    private final HttpServer server;
    private final Deque<Canned> script = new ArrayDeque<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    public StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    Map.copyOf(ex.getRequestHeaders()), body));
            Canned c;
            synchronized (script) {
                c = script.isEmpty() ? new Canned(599, Map.of(), "{\"error\":\"stub script exhausted\"}", 0) : script.poll();
            }
            if (c.delayMillis() > 0) {
                try {
                    Thread.sleep(c.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] out = c.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            c.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(c.status(), out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a slow answer must not block the next
        server.start();
    }

    public StubServer then(int status, String body) {
        return then(status, Map.of(), body);
    }

    public StubServer then(int status, Map<String, String> headers, String body) {
        synchronized (script) {
            script.add(new Canned(status, headers, body, 0));
        }
        return this;
    }

    /** Answers only after {@code delayMillis}, to trip the client's per-call timeout. */
    public StubServer thenSlowly(long delayMillis, int status, String body) {
        synchronized (script) {
            script.add(new Canned(status, Map.of(), body, delayMillis));
        }
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received last() {
        List<Received> r = received();
        return r.get(r.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
