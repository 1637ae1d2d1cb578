package dev.rehearsal.functions.snapstart;

import dev.rehearsal.functions.api.ApiHandler;
import dev.rehearsal.functions.api.Services;
import dev.rehearsal.functions.observe.JsonLog;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The API's priming request: GET a built-in persona (served from memory, so nothing is read or
 * written) as Lambda delivers it, bytes in and bytes out: the event reader, the router, claims parsing,
 * response mapping and the response writer.
 */
public final class ApiPriming {
    /** An account id that cannot collide with a real one (ids are checked by the same patterns). */
    static final String ACCOUNT = "snapstart-priming";

    /** A payload 2.0 event as API Gateway sends it (with a header and a query string to read). */
    static final String EVENT = """
            {"version":"2.0","routeKey":"GET /personas/{id}","rawPath":"/personas/eager-eddie","rawQueryString":"view=full",
             "cookies":["priming=1"],"headers":{"accept":"application/json","user-agent":"snapstart-priming"},
             "queryStringParameters":{"view":"full"},"pathParameters":{"id":"eager-eddie"},
             "requestContext":{"accountId":"123456789012","apiId":"priming","domainName":"priming.example",
              "http":{"method":"GET","path":"/personas/eager-eddie","protocol":"HTTP/1.1","sourceIp":"127.0.0.1",
               "userAgent":"snapstart-priming"},
              "authorizer":{"jwt":{"claims":{"sub":"%1$s","custom:account_id":"%1$s"},"scopes":null}},
              "requestId":"snapstart-priming","routeKey":"GET /personas/{id}","stage":"$default",
              "time":"01/Jan/2026:00:00:00 +0000","timeEpoch":1767225600000},
             "isBase64Encoded":false}
            """.formatted(ACCOUNT);

    private ApiPriming() {
    }

    /** The response's JSON, as the function would return it to API Gateway. */
    public static String run(Services services) {
        // The request's log line and metrics are built (warming that path too) but not written: a
        // priming request is no traffic, and must not count as a request in the API's metrics.
        java.util.function.Consumer<String> sink = JsonLog.sink(line -> { });
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ApiHandler(services).handleRequest(new ByteArrayInputStream(EVENT.getBytes(StandardCharsets.UTF_8)), out, null);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            JsonLog.sink(sink);
        }
    }
}
