package dev.rehearsal.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.rehearsal.engine.json.JsonTrees;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a handler's answer as the HTTP API's Lambda response (payload format 2.0:
 * {@code statusCode}, {@code headers}, {@code cookies}, {@code body}, {@code isBase64Encoded}; see
 * "Create AWS Lambda proxy integrations for HTTP APIs", docs.aws.amazon.com) with jackson-core's generator:
 * the JSON the Lambda runtime would write for the same {@link APIGatewayV2HTTPResponse}, null fields left out.
 * {@code multiValueHeaders} is written when set, as the runtime would, though format 2.0 ignores it.
 */
public final class HttpApiResponseWriter {
    private HttpApiResponseWriter() {
    }

    /** Writes {@code r} to {@code out}, which is flushed and left open. */
    public static void write(APIGatewayV2HTTPResponse r, OutputStream out) throws IOException {
        try (JsonGenerator g = JsonTrees.FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("statusCode", r.getStatusCode());
            if (r.getHeaders() != null) {
                g.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> h : r.getHeaders().entrySet()) g.writeStringField(h.getKey(), h.getValue());
                g.writeEndObject();
            }
            if (r.getMultiValueHeaders() != null) {
                g.writeObjectFieldStart("multiValueHeaders");
                for (Map.Entry<String, List<String>> h : r.getMultiValueHeaders().entrySet()) {
                    g.writeFieldName(h.getKey());
                    strings(g, h.getValue());
                }
                g.writeEndObject();
            }
            if (r.getCookies() != null) {
                g.writeFieldName("cookies");
                strings(g, r.getCookies());
            }
            if (r.getBody() != null) g.writeStringField("body", r.getBody());
            g.writeBooleanField("isBase64Encoded", r.getIsBase64Encoded());
            g.writeEndObject();
        }
        out.flush();
    }

    /** The response as JSON text. */
    public static String toJson(APIGatewayV2HTTPResponse r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void strings(JsonGenerator g, List<String> values) throws IOException {
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (String v : values) g.writeString(v);
        g.writeEndArray();
    }
}
