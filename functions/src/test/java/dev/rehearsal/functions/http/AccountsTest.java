package dev.rehearsal.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The account comes from the JWT claims only, and a subject can never pose as a tenant. */
class AccountsTest {
    static APIGatewayV2HTTPEvent withClaims(Map<String, String> claims) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).withScopes(List.of()).build();
        var ctx = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build()).build();
        return APIGatewayV2HTTPEvent.builder().withRequestContext(ctx).build();
    }

    @Test
    void customClaimWinsAndSubjectFallsBackIntoItsOwnNamespace() {
        assertEquals("acme", Accounts.from(withClaims(Map.of("custom:account_id", "acme", "sub", "u-1"))));
        assertEquals("user:acme", Accounts.from(withClaims(Map.of("sub", "acme"))),
                "a user whose sub equals a tenant id does not land in that tenant");
    }

    @Test
    void theSubjectNamespaceCannotBeClaimedAndMissingClaimsAre401() {
        ApiException e = assertThrows(ApiException.class,
                () -> Accounts.from(withClaims(Map.of("custom:account_id", "user:someone"))));
        assertEquals(401, e.status());
        assertEquals(401, assertThrows(ApiException.class, () -> Accounts.from(withClaims(Map.of()))).status());
        assertEquals(401, assertThrows(ApiException.class,
                () -> Accounts.from(APIGatewayV2HTTPEvent.builder().build())).status());
    }
}
