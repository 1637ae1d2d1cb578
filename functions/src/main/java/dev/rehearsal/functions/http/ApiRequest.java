package dev.rehearsal.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rehearsal.engine.json.Problem;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** One API request, already matched to a route and authenticated: what a handler method reads. */
public final class ApiRequest {
    /** Built when a body is first parsed: a GET never needs a mapper (docs/PERFORMANCE.md, "Lambda cold start"). */
    private static final class Strict {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    private final APIGatewayV2HTTPEvent event;
    private final String accountId;
    private final Map<String, String> pathParams;
    private final Map<String, String> headers;

    public ApiRequest(APIGatewayV2HTTPEvent event, String accountId, Map<String, String> pathParams) {
        this.event = event;
        this.accountId = accountId;
        this.pathParams = pathParams;
        Map<String, String> h = new HashMap<>();
        if (event.getHeaders() != null) event.getHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        this.headers = h;
    }

    /** The account from the authorizer's claims: the only source of tenancy. */
    public String accountId() {
        return accountId;
    }

    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    /** A path id checked against a pattern: 400 when it does not fit. */
    public String pathId(String name, Pattern pattern, String what) {
        String v = path(name);
        if (v == null || !pattern.matcher(v).matches()) {
            throw ApiException.badRequest("invalid_id", "",
                    what + " id '" + truncate(v) + "' is not valid (expected " + pattern.pattern() + ")");
        }
        return v;
    }

    public String query(String name) {
        Map<String, String> q = event.getQueryStringParameters();
        return q == null ? null : q.get(name);
    }

    /** A page size from {@code ?limit}: 1..max, default when absent. */
    public int limit(int dflt, int max) {
        String v = query("limit");
        if (v == null || v.isEmpty()) return dflt;
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw ApiException.badRequest("invalid_limit", "", "limit must be an integer from 1 to " + max);
    }

    /**
     * The body as text, refused when larger than {@code maxBytes} (413), not UTF-8, or of a
     * media type other than JSON (415). Empty string when there is none.
     */
    public String body(int maxBytes) {
        String raw = event.getBody();
        if (raw == null || raw.isEmpty()) return "";
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            if ((long) raw.length() * 3 / 4 > (long) maxBytes + 3) throw tooLarge(maxBytes);
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "malformed_body", "the body is marked base64 but is not valid base64");
            }
        } else {
            if (raw.length() > maxBytes) throw tooLarge(maxBytes);
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) throw tooLarge(maxBytes);
        String type = header("content-type");
        if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiException(415, "unsupported_media_type", "send the body as application/json (got '"
                    + truncate(type) + "')");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(400, "malformed_body", "the body is not valid UTF-8");
        }
    }

    /** The body as a JSON object (400 when missing, malformed, or not an object). */
    public JsonNode jsonObject(int maxBytes) {
        String text = body(maxBytes);
        if (text.isBlank()) throw ApiException.badRequest("missing_body", "", "a JSON object body is required");
        JsonNode node = parseJson(text);
        if (!node.isObject()) {
            throw ApiException.badRequest("invalid_body", "", "the body must be a JSON object, not "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return node;
    }

    public static JsonNode parseJson(String text) {
        JsonNode node;
        try {
            JsonParser p = Strict.MAPPER.createParser(text);
            node = Strict.MAPPER.readTree(p);
            if (node == null) throw ApiException.badRequest("missing_body", "", "a JSON body is required");
            if (p.nextToken() != null) {
                throw new ApiException(400, "malformed_json", "malformed JSON: trailing content after the document",
                        List.of(new Problem("", p.currentLocation().getLineNr(), p.currentLocation().getColumnNr(),
                                "malformed_json", "trailing content after the document")));
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            String msg = JsonErrorText.of(e.getOriginalMessage());
            throw new ApiException(400, "malformed_json", "malformed JSON: " + msg,
                    List.of(new Problem("", Math.max(line, 0), Math.max(col, 0), "malformed_json", msg)));
        } catch (java.io.IOException e) {
            throw new ApiException(400, "malformed_json", "malformed JSON: the body could not be read");
        }
        String bad = UnpairedSurrogates.find(node, "");
        if (bad != null) {
            throw ApiException.badRequest("malformed_body", bad, "the text at " + (bad.isEmpty() ? "the root" : bad)
                    + " has an unpaired UTF-16 surrogate escape (e.g. \\ud800 alone), which is not a character");
        }
        return node;
    }

    private static ApiException tooLarge(int maxBytes) {
        return new ApiException(413, "payload_too_large", "the body is larger than " + maxBytes + " bytes");
    }

    public static String truncate(String s) {
        if (s == null) return "";
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
