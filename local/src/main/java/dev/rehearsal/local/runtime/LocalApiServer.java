package dev.rehearsal.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.functions.http.Accounts;
import dev.rehearsal.functions.http.ApiException;
import dev.rehearsal.functions.http.Limits;
import dev.rehearsal.functions.http.PathCodec;
import dev.rehearsal.functions.http.Responses;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Serves the HttpApi routes of {@code template.yaml} on loopback, each to the function the
 * template maps it to, as API Gateway HTTP API payload 2.0 events. Authorization is local: the
 * JWT's claims are read WITHOUT verifying its signature (never expose this server), or, with no
 * token, the account comes from the {@code X-Rehearsal-Account} header (default: the server's).
 *
 * <p>Every answer is the API's JSON error envelope, including those the HTTP layer gives before a
 * route is found (a malformed request line or path, headers too large): Jetty's error handler is
 * replaced by one that writes the envelope. Bodies are limited from Content-Length before reading
 * and by counting otherwise; a body that is not UTF-8 reaches the function base64-encoded, as API
 * Gateway passes binary, so the function refuses it the same way in AWS and here.
 */
public final class LocalApiServer implements AutoCloseable {
    private final LocalRuntime runtime;
    private final Server server;
    private final ServerConnector connector;
    private final String defaultAccount;
    private final List<Bound> routes = new ArrayList<>();
    private final OpenApiDocument openApi;

    private record Bound(SamTemplate.Route route, SamTemplate.FunctionDef function) {
    }

    public LocalApiServer(LocalRuntime runtime, int port, String defaultAccount) throws IOException {
        this.runtime = runtime;
        this.defaultAccount = defaultAccount;
        this.openApi = new OpenApiDocument(runtime.template().file());
        for (var e : runtime.template().routes().entrySet()) {
            SamTemplate.Route r = e.getValue().routes().stream().filter(x -> x.key().equals(e.getKey())).findFirst().orElseThrow();
            routes.add(new Bound(r, e.getValue()));
        }
        // As API Gateway: a route with a greedy path variable is chosen only when no other matches.
        routes.sort(Comparator.comparing(b -> b.route().path().contains("+}")));
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("rehearse-serve");
        threads.setDaemon(true);
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // Paths reach the router as sent, which names a malformed escape and where it is.
        http.setUriCompliance(org.eclipse.jetty.http.UriCompliance.UNSAFE);
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        server.setErrorHandler(new JsonErrors());
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("cannot serve on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    private void serve(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        APIGatewayV2HTTPResponse resp;
        try {
            resp = dispatch(request, requestId);
        } catch (ApiException e) {
            resp = Responses.error(e, requestId);
        } catch (RuntimeException | IOException e) {
            resp = Responses.error(500, "internal_error", "the request failed; quote request id " + requestId,
                    List.of(), requestId);
        }
        write(response, callback, resp);
    }

    private APIGatewayV2HTTPResponse dispatch(Request request, String requestId) throws IOException {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        String path = request.getHttpURI().getPath();
        if (path == null || path.isEmpty()) path = "/";
        PathCodec.checkPath(path);
        if (path.equals(OpenApiDocument.PATH)) return openApi.answer(method);
        for (Bound b : routes) {
            Map<String, String> params = match(b.route(), method, path);
            if (params == null) continue;
            if (!scopesAllow(b.route(), request.getHeaders().get("authorization"))) {
                // as API Gateway's JWT authorizer answers a valid token with none of the route's scopes
                throw new ApiException(403, "forbidden", "the token carries none of the scopes " + method + " "
                        + b.route().path() + " requires: " + runtime.template().routeScopes().get(b.route().key()));
            }
            return runtime.invokeApi(b.function(), event(request, b.route(), method, path, params, requestId));
        }
        throw new ApiException(404, "route_not_found", "no route for " + method + " " + path);
    }

    private static void write(Response response, Callback callback, APIGatewayV2HTTPResponse resp) {
        byte[] body = resp.getBody() == null ? new byte[0]
                : resp.getIsBase64Encoded() ? Base64.getDecoder().decode(resp.getBody())
                : resp.getBody().getBytes(StandardCharsets.UTF_8);
        response.setStatus(resp.getStatusCode());
        if (resp.getHeaders() != null) resp.getHeaders().forEach((k, v) -> response.getHeaders().put(k, v));
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * The route's path parameters when it serves (method, raw path); null otherwise. A greedy
     * {@code {name+}} variable takes the rest of the path (one segment at least), as in API Gateway.
     */
    static Map<String, String> match(SamTemplate.Route route, String method, String path) {
        if (!route.method().equals(method) && !route.method().equals("ANY")) return null;
        String[] want = route.path().split("/", -1);
        String[] got = path.split("/", -1);
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < want.length; i++) {
            String w = want[i];
            if (w.startsWith("{") && w.endsWith("+}")) {
                if (i >= got.length || got[i].isEmpty()) return null;
                params.put(w.substring(1, w.length() - 2), String.join("/", List.of(got).subList(i, got.length)));
                return params;
            }
            if (i >= got.length) return null;
            if (w.startsWith("{") && w.endsWith("}")) {
                if (got[i].isEmpty()) return null;
                params.put(w.substring(1, w.length() - 1), PathCodec.decodeSegment(got[i]));
            } else if (!w.equals(got[i])) {
                return null;
            }
        }
        return want.length == got.length ? params : null;
    }

    private APIGatewayV2HTTPEvent event(Request request, SamTemplate.Route route, String method, String path,
                                        Map<String, String> params, String requestId) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (HttpField f : request.getHeaders()) {
            headers.merge(f.getName().toLowerCase(Locale.ROOT), f.getValue(), (a, b) -> a + "," + b);
        }
        String raw = request.getHttpURI().getQuery();
        Map<String, String> query = query(raw);
        Map<String, String> claims = claims(headers);
        byte[] body = readBody(request);
        String text = body.length == 0 ? null : utf8(body);
        APIGatewayV2HTTPEvent.RequestContext ctx = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId(requestId).withRouteKey(route.key()).withStage("$default")
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method)
                        .withPath(path).withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(claims).withScopes(List.of()).build()).build())
                .build();
        boolean base64 = body.length > 0 && text == null;
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(route.key())
                .withRawPath(path).withRawQueryString(raw == null ? "" : raw)
                .withHeaders(headers).withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(params.isEmpty() ? null : params).withRequestContext(ctx)
                .withBody(body.length == 0 ? null : base64 ? Base64.getEncoder().encodeToString(body) : text)
                .withIsBase64Encoded(base64)
                .build();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) return query;
        for (String kv : raw.split("&")) {
            if (kv.isEmpty()) continue;
            int i = kv.indexOf('=');
            // API Gateway joins repeated parameters with commas.
            query.merge(PathCodec.decodeQuery(i < 0 ? kv : kv.substring(0, i)),
                    i < 0 ? "" : PathCodec.decodeQuery(kv.substring(i + 1)), (a, b) -> a + "," + b);
        }
        return query;
    }

    /** The body, refused (413) from its Content-Length before reading, or once more than the limit arrived. */
    static byte[] readBody(Request request) throws IOException {
        long declared = request.getLength();
        if (declared > Limits.MAX_BODY_BYTES) throw tooLarge();
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(Limits.MAX_BODY_BYTES + 1);
            if (bytes.length > Limits.MAX_BODY_BYTES) throw tooLarge();
            return bytes;
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "payload_too_large", "the body is larger than " + Limits.MAX_BODY_BYTES
                + " bytes, the most any route reads");
    }

    /** The bytes as text when they are UTF-8; null otherwise. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
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
            // An empty or malformed header is refused as a missing claim is in AWS, never turned into an account.
            if (acct.isBlank() || acct.startsWith(Accounts.SUBJECT_PREFIX) || !Accounts.ACCOUNT_ID.matcher(acct).matches()) {
                throw new ApiException(401, "unauthenticated", "the X-Rehearsal-Account header is empty or not a valid "
                        + "account id (1 to 128 of A-Z a-z 0-9 _ . : @ | + = -, not starting with 'user:')");
            }
            claims.put(Accounts.ACCOUNT_CLAIM, acct);
        }
        return claims;
    }

    /** Whether the HTTP layer refused the request for its URI (the only thing it parses that has escapes). */
    private static boolean badUri(Request request) {
        // Jetty reports a bad escape as a 400 caused by the hex parse of the path ("!hex z").
        Object failure = request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        for (Throwable t = failure instanceof Throwable x ? x : null; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof NumberFormatException || m.contains("hex") || m.contains("URI") || m.contains("%")
                    || m.contains("encod")) {
                return true;
            }
        }
        return false;
    }

    /** Errors the HTTP layer finds before a route (bad request line, bad URI, headers too large), as JSON. */
    private static final class JsonErrors extends ErrorHandler {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            int status = response.getStatus() >= 400 ? response.getStatus() : 500;
            String code;
            code = switch (status) {
                case 400 -> "malformed_request";
                case 404 -> "route_not_found";
                case 405 -> "method_not_allowed";
                case 413 -> "payload_too_large";
                case 414 -> "uri_too_long";
                case 431 -> "headers_too_large";
                case 505 -> "http_version_not_supported";
                default -> status >= 500 ? "internal_error" : "bad_request";
            };
            String message;
            message = switch (status) {
                case 400 -> "the request line, path or headers are malformed (check the percent-encoding of the path)";
                case 413 -> "the body is larger than " + Limits.MAX_BODY_BYTES + " bytes, the most any route reads";
                case 414 -> "the request URI is too long";
                case 431 -> "the request headers are too large";
                default -> status >= 500 ? "the request failed" : "the request was refused (HTTP " + status + ")";
            };
            if (status == 400 && badUri(request)) {
                code = "malformed_path";
                message = "the path has a malformed percent-escape: each % must be followed by two hex digits";
            }
            String requestId = UUID.randomUUID().toString();
            APIGatewayV2HTTPResponse r = Responses.error(status, code, message, List.of(), requestId);
            response.getHeaders().put("content-type", "application/json");
            response.write(true, ByteBuffer.wrap(r.getBody().getBytes(StandardCharsets.UTF_8)), callback);
            return true;
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping a loopback server: nothing left to do
        }
    }
}
