package dev.rehearsal.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * Serves the HttpApi routes of {@code template.yaml} on loopback, each to the function the
 * template maps it to, as API Gateway HTTP API payload 2.0 events. Authorization is local: the
 * JWT's claims are read WITHOUT verifying its signature (never expose this server), or, with no
 * token, the account comes from the {@code X-Rehearsal-Account} header (default: the server's).
 */
public final class LocalApiServer implements AutoCloseable {
    private final LocalRuntime runtime;
    private final HttpServer server;
    private final String defaultAccount;
    private final List<Object[]> routes = new ArrayList<>();

    public LocalApiServer(LocalRuntime runtime, int port, String defaultAccount) throws IOException {
        this.runtime = runtime;
        this.defaultAccount = defaultAccount;
        for (var e : runtime.template().routes().entrySet()) {
            SamTemplate.Route r = e.getValue().routes().stream().filter(x -> x.key().equals(e.getKey())).findFirst().orElseThrow();
            routes.add(new Object[]{r, e.getValue()});
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String method = x.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = x.getRequestURI().getRawPath();
            for (Object[] r : routes) {
                SamTemplate.Route route = (SamTemplate.Route) r[0];
                Map<String, String> params = match(route, method, path);
                if (params == null) continue;
                if (!scopesAllow(route, x.getRequestHeaders().getFirst("authorization"))) {
                    // as API Gateway's JWT authorizer answers a valid token with none of the route's scopes
                    x.getResponseHeaders().add("content-type", "application/json");
                    send(x, 403, "{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                APIGatewayV2HTTPResponse resp = runtime.invokeApi((SamTemplate.FunctionDef) r[1], event(x, route, params));
                byte[] body = resp.getBody() == null ? new byte[0]
                        : resp.getIsBase64Encoded() ? Base64.getDecoder().decode(resp.getBody())
                        : resp.getBody().getBytes(StandardCharsets.UTF_8);
                if (resp.getHeaders() != null) resp.getHeaders().forEach((k, v) -> x.getResponseHeaders().add(k, v));
                send(x, resp.getStatusCode(), body);
                return;
            }
            x.getResponseHeaders().add("content-type", "application/json");
            send(x, 404, "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            x.getResponseHeaders().add("content-type", "application/json");
            send(x, 500, "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8));
        } finally {
            x.close();
        }
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) try (OutputStream o = x.getResponseBody()) {
            o.write(body);
        }
    }

    static Map<String, String> match(SamTemplate.Route route, String method, String path) {
        if (!route.method().equals(method) && !route.method().equals("ANY")) return null;
        String[] want = route.path().split("/");
        String[] got = path.split("/");
        if (want.length != got.length) return null;
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            if (want[i].startsWith("{") && want[i].endsWith("}")) {
                if (got[i].isEmpty()) return null;
                params.put(want[i].substring(1, want[i].length() - 1), URLDecoder.decode(got[i], StandardCharsets.UTF_8));
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return params;
    }

    private APIGatewayV2HTTPEvent event(HttpExchange x, SamTemplate.Route route, Map<String, String> params) throws IOException {
        Map<String, String> headers = new HashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        String raw = x.getRequestURI().getRawQuery();
        Map<String, String> query = new HashMap<>();
        if (raw != null) for (String kv : raw.split("&")) {
            if (kv.isEmpty()) continue;
            int i = kv.indexOf('=');
            query.put(URLDecoder.decode(i < 0 ? kv : kv.substring(0, i), StandardCharsets.UTF_8),
                    i < 0 ? "" : URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        byte[] body = x.getRequestBody().readAllBytes();
        APIGatewayV2HTTPEvent.RequestContext ctx = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(UUID.randomUUID().toString()).withRouteKey(route.key()).withStage("$default")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(route.method())
                        .withPath(x.getRequestURI().getRawPath()).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(claims(headers)).withScopes(List.of()).build()).build())
                .build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(route.key())
                .withRawPath(x.getRequestURI().getRawPath()).withRawQueryString(raw == null ? "" : raw)
                .withHeaders(headers).withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(params.isEmpty() ? null : params).withRequestContext(ctx)
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8)).withIsBase64Encoded(false)
                .build();
    }

    /**
     * A bearer token must carry one of the route's AuthorizationScopes (its {@code scope} or {@code scp}
     * claim), as in AWS; a request without a token is the local developer's and is not checked.
     */
    private boolean scopesAllow(SamTemplate.Route route, String authorization) {
        List<String> required = runtime.template().routeScopes().get(route.key());
        if (required == null || authorization == null) return true;
        Map<String, String> claims = tokenClaims(authorization);
        if (claims.isEmpty()) return true;
        String granted = claims.getOrDefault("scope", claims.getOrDefault("scp", ""));
        for (String s : granted.replaceAll("[\\[\\]\",]", " ").trim().split("\\s+")) {
            if (required.contains(s)) return true;
        }
        return false;
    }

    private static Map<String, String> tokenClaims(String auth) {
        Map<String, String> claims = new HashMap<>();
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String[] parts = auth.substring(7).trim().split("\\.");
            if (parts.length >= 2) {
                try {
                    JsonNode c = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
                    c.fields().forEachRemaining(f -> claims.put(f.getKey(), f.getValue().isArray()
                            ? f.getValue().toString() : f.getValue().asText()));
                } catch (IOException | IllegalArgumentException ignored) {
                    // not a JWT: no claims
                }
            }
        }
        return claims;
    }

    private Map<String, String> claims(Map<String, String> headers) {
        Map<String, String> claims = tokenClaims(headers.get("authorization"));
        // Only a request without a token gets the header's (or the server's) account; a token is read as
        // API Gateway would pass its claims on: a sub-only token is refused (401) here as in AWS unless
        // SINGLE_TENANT=true, and a token with the act-for-account scope acts for the X-Rehearsal-Account header.
        if (claims.isEmpty()) {
            String acct = headers.getOrDefault("x-rehearsal-account", defaultAccount);
            claims.put("custom:account_id", acct);
            claims.put("sub", "local-" + acct);
        }
        return claims;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
