package dev.rehearsal.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.rehearsal.engine.json.JsonTrees;
import dev.rehearsal.engine.json.Problem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an API Gateway HTTP API event (payload format 2.0) with jackson-core's streaming parser into the
 * {@link APIGatewayV2HTTPEvent} the {@link Router} takes: the same object the Lambda runtime's data binding
 * builds for a {@code RequestHandler<APIGatewayV2HTTPEvent, ...>}, without loading data binding (about 760
 * classes, 40% of the API's first event: docs/PERFORMANCE.md, "Lambda cold start").
 *
 * <p>Like that binding, it ignores fields it does not know, takes null for any absent or null value, and reads
 * a number or boolean where text is expected as its text. Anything else (not JSON, not an object, an object
 * where text belongs) is refused as a 400 {@code malformed_event} naming the field (JSON pointer) and its line
 * and column: API Gateway never sends one, so it comes from a hand-made event (a test, {@code sam local invoke}).
 */
public final class HttpApiEventReader {
    public static final String MALFORMED = "malformed_event";

    private HttpApiEventReader() {
    }

    public static APIGatewayV2HTTPEvent read(String json) {
        return read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The event in {@code in} (left open); an {@link ApiException} (400) when it is not one. */
    public static APIGatewayV2HTTPEvent read(InputStream in) {
        try (JsonParser p = JsonTrees.FACTORY.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            JsonToken t = p.nextToken();
            if (t == null) throw malformed(p, "the event is empty");
            if (t != JsonToken.START_OBJECT) throw malformed(p, "the event must be a JSON object, not " + kind(t));
            APIGatewayV2HTTPEvent e = event(p);
            if (p.nextToken() != null) throw malformed(p, "content after the event");
            return e;
        } catch (JsonProcessingException x) {
            JsonLocation l = x.getLocation();
            String why = JsonErrorText.of(x.getOriginalMessage());
            throw new ApiException(400, MALFORMED, "the event is not valid JSON: " + why, List.of(new Problem("",
                    l == null ? 0 : Math.max(l.getLineNr(), 0), l == null ? 0 : Math.max(l.getColumnNr(), 0), MALFORMED, why)));
        } catch (IOException x) {
            throw new ApiException(400, MALFORMED, "the event could not be read: " + x.getMessage());
        }
    }

    private static APIGatewayV2HTTPEvent event(JsonParser p) throws IOException {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "version" -> e.setVersion(text(p));
                case "routeKey" -> e.setRouteKey(text(p));
                case "rawPath" -> e.setRawPath(text(p));
                case "rawQueryString" -> e.setRawQueryString(text(p));
                case "cookies" -> e.setCookies(texts(p));
                case "headers" -> e.setHeaders(textMap(p));
                case "queryStringParameters" -> e.setQueryStringParameters(textMap(p));
                case "pathParameters" -> e.setPathParameters(textMap(p));
                case "stageVariables" -> e.setStageVariables(textMap(p));
                case "body" -> e.setBody(text(p));
                case "isBase64Encoded" -> e.setIsBase64Encoded(bool(p));
                case "requestContext" -> e.setRequestContext(object(p) ? requestContext(p) : null);
                default -> p.skipChildren();
            }
        }
        return e;
    }

    private static RequestContext requestContext(JsonParser p) throws IOException {
        RequestContext c = new RequestContext();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "routeKey" -> c.setRouteKey(text(p));
                case "accountId" -> c.setAccountId(text(p));
                case "stage" -> c.setStage(text(p));
                case "apiId" -> c.setApiId(text(p));
                case "domainName" -> c.setDomainName(text(p));
                case "domainPrefix" -> c.setDomainPrefix(text(p));
                case "time" -> c.setTime(text(p));
                case "timeEpoch" -> c.setTimeEpoch(longValue(p));
                case "requestId" -> c.setRequestId(text(p));
                case "http" -> c.setHttp(object(p) ? http(p) : null);
                case "authorizer" -> c.setAuthorizer(object(p) ? authorizer(p) : null);
                default -> p.skipChildren();
            }
        }
        return c;
    }

    private static RequestContext.Http http(JsonParser p) throws IOException {
        RequestContext.Http h = new RequestContext.Http();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "method" -> h.setMethod(text(p));
                case "path" -> h.setPath(text(p));
                case "protocol" -> h.setProtocol(text(p));
                case "sourceIp" -> h.setSourceIp(text(p));
                case "userAgent" -> h.setUserAgent(text(p));
                default -> p.skipChildren();
            }
        }
        return h;
    }

    private static RequestContext.Authorizer authorizer(JsonParser p) throws IOException {
        RequestContext.Authorizer a = new RequestContext.Authorizer();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "jwt" -> a.setJwt(object(p) ? jwt(p) : null);
                case "lambda" -> a.setLambda(object(p) ? untypedObject(p) : null);
                case "iam" -> a.setIam(object(p) ? iam(p) : null);
                default -> p.skipChildren();
            }
        }
        return a;
    }

    private static RequestContext.Authorizer.JWT jwt(JsonParser p) throws IOException {
        RequestContext.Authorizer.JWT j = new RequestContext.Authorizer.JWT();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "claims" -> j.setClaims(textMap(p));
                case "scopes" -> j.setScopes(texts(p));
                default -> p.skipChildren();
            }
        }
        return j;
    }

    private static RequestContext.IAM iam(JsonParser p) throws IOException {
        RequestContext.IAM i = new RequestContext.IAM();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "accessKey" -> i.setAccessKey(text(p));
                case "accountId" -> i.setAccountId(text(p));
                case "callerId" -> i.setCallerId(text(p));
                case "principalOrgId" -> i.setPrincipalOrgId(text(p));
                case "userArn" -> i.setUserArn(text(p));
                case "userId" -> i.setUserId(text(p));
                case "cognitoIdentity" -> i.setCognitoIdentity(object(p) ? cognitoIdentity(p) : null);
                default -> p.skipChildren();
            }
        }
        return i;
    }

    private static RequestContext.CognitoIdentity cognitoIdentity(JsonParser p) throws IOException {
        RequestContext.CognitoIdentity c = new RequestContext.CognitoIdentity();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            switch (name) {
                case "amr" -> c.setAmr(texts(p));
                case "identityId" -> c.setIdentityId(text(p));
                case "identityPoolId" -> c.setIdentityPoolId(text(p));
                default -> p.skipChildren();
            }
        }
        return c;
    }

    /** True at an object's start, false at null; refused otherwise. */
    private static boolean object(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) return true;
        if (p.currentToken() == JsonToken.VALUE_NULL) return false;
        throw malformed(p, "expected an object, found " + kind(p.currentToken()));
    }

    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return null;
        if (t.isScalarValue()) return p.getText();
        throw malformed(p, "expected text, found " + kind(t));
    }

    private static boolean bool(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) return true;
        if (t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) return false;
        if (t == JsonToken.VALUE_STRING && (p.getText().equals("true") || p.getText().equals("false"))) {
            return p.getText().equals("true");
        }
        throw malformed(p, "expected true or false, found " + kind(t));
    }

    private static long longValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) return 0;
        try {
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) return p.getLongValue();
            if (t == JsonToken.VALUE_STRING) return Long.parseLong(p.getText().trim());
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw malformed(p, "expected a whole number of milliseconds, found " + kind(t));
    }

    private static List<String> texts(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) return null;
        if (p.currentToken() != JsonToken.START_ARRAY) throw malformed(p, "expected an array of text, found " + kind(p.currentToken()));
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) out.add(text(p));
        return out;
    }

    private static Map<String, String> textMap(JsonParser p) throws IOException {
        if (!object(p)) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (String k = p.nextFieldName(); k != null; k = p.nextFieldName()) {
            p.nextToken();
            out.put(k, text(p));
        }
        return out;
    }

    /** A Lambda authorizer's context, as data binding reads {@code Map<String, Object>}. */
    private static Map<String, Object> untypedObject(JsonParser p) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k = p.nextFieldName(); k != null; k = p.nextFieldName()) {
            p.nextToken();
            out.put(k, untyped(p));
        }
        return out;
    }

    private static Object untyped(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> untypedObject(p);
            case START_ARRAY -> {
                List<Object> a = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(untyped(p));
                yield a;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static ApiException malformed(JsonParser p, String why) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        JsonLocation l = p.currentTokenLocation();
        String where = pointer.isEmpty() ? "" : " at " + pointer;
        return new ApiException(400, MALFORMED, "the event is not an HTTP API (payload 2.0) event: " + why + where,
                List.of(new Problem(pointer, Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0), MALFORMED, why)));
    }
}
