package dev.rehearsal.functions.snapstart;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.rehearsal.functions.api.ApiHandler;
import dev.rehearsal.functions.api.Services;
import dev.rehearsal.functions.observe.JsonLog;

import java.util.Map;

/**
 * The API's priming request: GET a built-in persona (served from memory, so nothing is read or
 * written) through the real router, claims parsing and response mapping.
 */
public final class ApiPriming {
    /** An account id that cannot collide with a real one (ids are checked by the same patterns). */
    static final String ACCOUNT = "snapstart-priming";

    private ApiPriming() {
    }

    public static APIGatewayV2HTTPResponse run(Services services) {
        // The request's log line and metrics are built (warming that path too) but not written: a
        // priming request is no traffic, and must not count as a request in the API's metrics.
        java.util.function.Consumer<String> sink = JsonLog.sink(line -> { });
        try {
            return new ApiHandler(services).handleRequest(event(), null);
        } finally {
            JsonLog.sink(sink);
        }
    }

    static APIGatewayV2HTTPEvent event() {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET")
                .withPath("/personas/eager-eddie").build();
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                .withClaims(Map.of("sub", ACCOUNT, "custom:account_id", ACCOUNT)).build();
        var ctx = APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).withRouteKey("GET /personas/{id}")
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build()).build();
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("GET /personas/{id}")
                .withRawPath("/personas/eager-eddie").withPathParameters(Map.of("id", "eager-eddie"))
                .withHeaders(Map.of("accept", "application/json")).withRequestContext(ctx).build();
    }
}
