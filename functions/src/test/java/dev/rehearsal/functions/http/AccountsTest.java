package dev.rehearsal.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.rehearsal.functions.http.Accounts.Tenancy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The account comes from the verified token only, and a subject can never pose as a tenant. */
class AccountsTest {
    static final Tenancy MULTI = Tenancy.MULTI_TENANT;
    static final Tenancy SINGLE = new Tenancy(true);

    static APIGatewayV2HTTPEvent token(Map<String, String> claims, List<String> scopes, Map<String, String> headers) {
        var jwt = APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder().withClaims(claims).withScopes(scopes).build();
        var ctx = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withJwt(jwt).build()).build();
        return APIGatewayV2HTTPEvent.builder().withRequestContext(ctx).withHeaders(headers).build();
    }

    static APIGatewayV2HTTPEvent withClaims(Map<String, String> claims) {
        return token(claims, List.of(), Map.of());
    }

    static int status(APIGatewayV2HTTPEvent e, Tenancy t) {
        return assertThrows(ApiException.class, () -> Accounts.from(e, t)).status();
    }

    @Test
    void anEndUserTokenActsForItsAccountClaimAndAHeaderCannotMoveIt() {
        assertEquals("acme", Accounts.from(withClaims(Map.of("custom:account_id", "acme", "sub", "u-1")), MULTI));
        assertEquals("acme", Accounts.from(token(Map.of("custom:account_id", "acme", "sub", "u-1"),
                List.of("rehearsal/write"), Map.of("X-Rehearsal-Account", "globex")), MULTI),
                "without the act-for-account scope the header means nothing");
    }

    @Test
    void aMachineTokenActsForTheHeadersAccountOnlyWithTheDedicatedScope() {
        Map<String, String> machine = Map.of("sub", "crm-backend-client", "client_id", "crm-backend-client");
        assertEquals("globex", Accounts.from(token(machine, List.of("rehearsal/write", "rehearsal/act-for-account"),
                Map.of("x-rehearsal-account", "globex")), MULTI));
        assertEquals("globex", Accounts.from(token(Map.of("sub", "c", "scope", "rehearsal/write rehearsal/act-for-account"),
                null, Map.of("X-Rehearsal-Account", "globex")), MULTI), "scopes read from the scope claim too");
        assertEquals(401, status(token(machine, List.of("rehearsal/write"), Map.of("X-Rehearsal-Account", "globex")), MULTI),
                "no scope: the header is not trusted and there is no claim");
        assertEquals(401, status(token(machine, List.of("rehearsal/act-for-account"), Map.of()), MULTI),
                "the scope without a header names no account");
        assertEquals(401, status(token(machine, List.of("rehearsal/act-for-account"),
                Map.of("X-Rehearsal-Account", "user:someone")), MULTI), "the subject namespace cannot be named");
        assertEquals(401, status(token(machine, List.of("rehearsal/act-for-account"),
                Map.of("X-Rehearsal-Account", "a#b")), MULTI));
    }

    @Test
    void theSubjectFallbackExistsOnlyInSingleTenantMode() {
        assertEquals(401, status(withClaims(Map.of("sub", "acme")), MULTI));
        assertEquals("user:acme", Accounts.from(withClaims(Map.of("sub", "acme")), SINGLE),
                "a user whose sub equals a tenant id does not land in that tenant");
        assertEquals("acme", Accounts.from(withClaims(Map.of("custom:account_id", "acme", "sub", "u")), SINGLE));
        assertTrue(Tenancy.fromEnvironment(Map.of("SINGLE_TENANT", "true")).singleTenant());
        assertFalse(Tenancy.fromEnvironment(Map.of("SINGLE_TENANT", "false")).singleTenant());
        assertFalse(Tenancy.fromEnvironment(Map.of()).singleTenant());
    }

    @Test
    void theSubjectNamespaceCannotBeClaimedAndMissingTokensAre401() {
        assertEquals(401, status(withClaims(Map.of("custom:account_id", "user:someone")), SINGLE));
        assertEquals(401, status(withClaims(Map.of()), SINGLE));
        assertEquals(401, status(APIGatewayV2HTTPEvent.builder().build(), SINGLE));
    }
}
