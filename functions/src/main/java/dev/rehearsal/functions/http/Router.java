package dev.rehearsal.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.rehearsal.store.ConflictException;
import dev.rehearsal.store.InvalidPageTokenException;
import dev.rehearsal.store.PersonaRepository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import dev.rehearsal.functions.observe.JsonLog;
import dev.rehearsal.functions.observe.LogContext;
import dev.rehearsal.functions.observe.Metrics;

/**
 * Maps (method, route) to a handler method. Matches the event's routeKey when API Gateway sent
 * one of ours, else the method and raw path against the route templates. Authenticates before
 * dispatching, and turns every refusal into the one JSON error shape.
 */
public final class Router {
    private final Map<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> routes = new LinkedHashMap<>();

    /** Adds a route, e.g. {@code route("GET", "/personas/{id}", this::getPersona)}. */
    public Router route(String method, String template, Function<ApiRequest, APIGatewayV2HTTPResponse> handler) {
        routes.put(method.toUpperCase(Locale.ROOT) + " " + template, handler);
        return this;
    }

    public Router include(Router other) {
        routes.putAll(other.routes);
        return this;
    }

    public List<String> routeKeys() {
        return new ArrayList<>(routes.keySet());
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        long started = System.nanoTime();
        String[] route = {null};
        try (LogContext.Scope ignored = LogContext.with("requestId", requestId)) {
            APIGatewayV2HTTPResponse r = dispatch(event, requestId, route);
            observe(event, route[0], r.getStatusCode(), (System.nanoTime() - started) / 1_000_000);
            return r;
        }
    }

    /**
     * One INFO line per request (method, route, status, latency: never the body) and its EMF counts;
     * the route template, not the path, so ids stay out of metric dimensions.
     */
    private static void observe(APIGatewayV2HTTPEvent event, String route, int status, long millis) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", method(event));
        fields.put("route", route == null ? "(none)" : route);
        fields.put("status", status);
        fields.put("latencyMs", millis);
        JsonLog.info("request", fields);
        Metrics.of("api").count("Requests", 1).count("Errors4xx", status >= 400 && status < 500 ? 1 : 0)
                .count("Errors5xx", status >= 500 ? 1 : 0).put("Latency", millis, "Milliseconds").emit();
    }

    private APIGatewayV2HTTPResponse dispatch(APIGatewayV2HTTPEvent event, String requestId, String[] route) {
        try {
            Match m = match(event);
            route[0] = m.key;
            String account = Accounts.from(event);
            // Left open on purpose: the request's scope (handle) restores the context, after its own line.
            LogContext.with("accountId", account);
            return m.handler.apply(new ApiRequest(event, account, m.params));
        } catch (RetryLaterException e) {
            APIGatewayV2HTTPResponse r = Responses.error(e, requestId);
            r.getHeaders().put("retry-after", Long.toString(e.retryAfterSeconds()));
            return r;
        } catch (ApiException e) {
            return Responses.error(e, requestId);
        } catch (PersonaRepository.BuiltInPersonaException e) {
            return Responses.error(403, "built_in_persona", e.getMessage(), List.of(), requestId);
        } catch (ConflictException e) {
            return Responses.error(409, "conflict", e.getMessage(), List.of(), requestId);
        } catch (InvalidPageTokenException e) {
            return Responses.error(400, "invalid_next_token", e.getMessage(), List.of(), requestId);
        } catch (RuntimeException e) {
            JsonLog.error("request failed", Map.of(), e);
            return Responses.error(500, "internal_error", "the request failed; quote request id " + requestId,
                    List.of(), requestId);
        }
    }

    private record Match(String key, Function<ApiRequest, APIGatewayV2HTTPResponse> handler, Map<String, String> params) {
    }

    private Match match(APIGatewayV2HTTPEvent event) {
        String routeKey = event.getRouteKey();
        if (routeKey != null && routes.containsKey(routeKey) && event.getPathParameters() != null) {
            return new Match(routeKey, routes.get(routeKey), event.getPathParameters());
        }
        if (routeKey != null && routes.containsKey(routeKey) && !routeKey.contains("{")) {
            return new Match(routeKey, routes.get(routeKey), Map.of());
        }
        String method = method(event);
        String path = event.getRawPath();
        if (path == null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            path = event.getRequestContext().getHttp().getPath();
        }
        if (path == null) throw new ApiException(404, "route_not_found", "no route for this request");
        PathCodec.checkPath(path);
        String[] actual = split(path);
        java.util.Set<String> allowed = new java.util.TreeSet<>();
        for (Map.Entry<String, Function<ApiRequest, APIGatewayV2HTTPResponse>> e : routes.entrySet()) {
            int sp = e.getKey().indexOf(' ');
            Map<String, String> params = matchTemplate(split(e.getKey().substring(sp + 1)), actual);
            if (params == null) continue;
            String m = e.getKey().substring(0, sp);
            if (m.equals(method)) return new Match(e.getKey(), e.getValue(), params);
            allowed.add(m);
        }
        if (!allowed.isEmpty()) {
            // Reached through the catch-all route in AWS: API Gateway itself answers an unrouted method with 404.
            throw new ApiException(405, "method_not_allowed", method + " is not allowed on " + ApiRequest.truncate(path)
                    + "; allowed: " + String.join(", ", allowed)).withHeader("allow", String.join(", ", allowed));
        }
        throw new ApiException(404, "route_not_found", "no route for " + method + " " + ApiRequest.truncate(path));
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                && event.getRequestContext().getHttp().getMethod() != null) {
            return event.getRequestContext().getHttp().getMethod().toUpperCase(Locale.ROOT);
        }
        String rk = event.getRouteKey();
        return rk != null && rk.contains(" ") ? rk.substring(0, rk.indexOf(' ')) : "";
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static Map<String, String> matchTemplate(String[] template, String[] actual) {
        if (template.length != actual.length) return null;
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (actual[i].isEmpty()) return null;
                params.put(t.substring(1, t.length() - 1), decode(actual[i]));
            } else if (!t.equals(actual[i])) {
                return null;
            }
        }
        return params;
    }

    private static String decode(String s) {
        return PathCodec.decodeSegment(s);
    }
}
