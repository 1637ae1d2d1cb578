package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.rehearsal.engine.json.JsonTrees;
import dev.rehearsal.functions.http.ApiException;
import dev.rehearsal.functions.http.HttpApiEventReader;
import dev.rehearsal.functions.http.HttpApiResponseWriter;
import dev.rehearsal.functions.http.Responses;
import dev.rehearsal.functions.http.Router;
import dev.rehearsal.functions.observe.JsonLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An API Gateway HTTP API (payload 2.0) handler: its router does the work. A stream handler that reads the
 * event and writes the response with jackson-core ({@link HttpApiEventReader}, {@link HttpApiResponseWriter}),
 * so neither the Lambda runtime nor we load data binding for them (docs/PERFORMANCE.md, "Lambda cold start").
 * {@link #handle} is the typed entry the local runtime and the tests call.
 */
public abstract class ApiHandlerBase implements RequestStreamHandler {
    public static final Pattern PERSONA_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,63}$");
    public static final Pattern WORKFLOW_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$");
    public static final Pattern SUITE_ID = WORKFLOW_ID;
    public static final Pattern RUN_ID = Pattern.compile("^run-[0-9a-f]{32}$");

    private Router router;

    protected final Router router() {
        if (router == null) router = routes(new Router());
        return router;
    }

    /** Declares this handler's routes. */
    protected abstract Router routes(Router r);

    /** One request, already read: what the Lambda entry point does after reading the event. */
    public final APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return router().handle(event);
    }

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        HttpApiResponseWriter.write(answer(in), out);
    }

    private APIGatewayV2HTTPResponse answer(InputStream in) {
        APIGatewayV2HTTPEvent event;
        try {
            event = HttpApiEventReader.read(in);
        } catch (ApiException e) {
            // Not an event API Gateway sends (a hand-made one): a 400 naming the problem, and a line saying so.
            JsonLog.warn("malformed event", Map.of("problem", e.getMessage()), null);
            return Responses.error(e, null);
        }
        return handle(event);
    }

    /**
     * A stored report or interaction as the API shows it: in the snake_case of report version 3, also
     * when it was stored before (version 2 named a step {@code stepId} in findings, messages and analyses).
     */
    static JsonNode storedDocument(String json) {
        JsonNode n = document(json);
        renameStepId(n);
        return n;
    }

    private static void renameStepId(JsonNode n) {
        if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            JsonNode old = o.remove("stepId");
            if (old != null && !o.has("step_id")) o.set("step_id", old);
        }
        n.forEach(ApiHandlerBase::renameStepId);
    }

    /**
     * A stored JSON document as a tree (or as text, should it not parse), the tree {@code Json.mapper().readTree} gives
     * but read by jackson-core alone: a route's first event then loads no data binding for it
     * (docs/PERFORMANCE.md, "Sixth round").
     */
    static JsonNode document(String json) {
        if (json == null) return null;
        try {
            JsonNode n = JsonTrees.read(json);
            return n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n;
        } catch (java.io.UncheckedIOException e) {
            return TextNode.valueOf(json);
        }
    }
}
