package dev.rehearsal.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The caller's account, from the JWT authorizer's verified token only
 * ({@code requestContext.authorizer.jwt}), never from the body or path (docs/SECURITY.md, Tenancy):
 * <ol>
 *   <li>a token carrying the act-for-account scope ({@value #ACT_FOR_ACCOUNT_SCOPE}, granted only to the
 *       CRM backend's machine client) acts for the account named in the {@value #ACCOUNT_HEADER} header,
 *       which is trusted because of that scope;</li>
 *   <li>otherwise the account claim ({@value #ACCOUNT_CLAIM}; Cognito puts it in access tokens through a
 *       pre-token-generation trigger), and an account header is ignored;</li>
 *   <li>otherwise, only when the stage runs single-tenant ({@value #SINGLE_TENANT_ENV}=true), the subject
 *       as {@code user:<sub>}, a namespace no claim or header may name;</li>
 *   <li>otherwise 401: a machine token without the scope never lands in a shared fallback namespace.</li>
 * </ol>
 */
public final class Accounts {
    public static final String ACCOUNT_CLAIM = "custom:account_id";
    public static final String SUBJECT_CLAIM = "sub";
    public static final String SCOPE_CLAIM = "scope";
    public static final String SUBJECT_PREFIX = "user:";
    public static final String ACCOUNT_HEADER = "X-Rehearsal-Account";
    public static final String ACT_FOR_ACCOUNT_SCOPE = "rehearsal/act-for-account";
    public static final String SINGLE_TENANT_ENV = "SINGLE_TENANT";
    public static final Pattern ACCOUNT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:@|+=-]{0,127}$");

    /** How this stage maps tokens to accounts: {@code singleTenant} allows the {@code user:<sub>} fallback. */
    public record Tenancy(boolean singleTenant) {
        public static final Tenancy MULTI_TENANT = new Tenancy(false);

        public static Tenancy fromEnvironment(Map<String, String> env) {
            return new Tenancy("true".equalsIgnoreCase(String.valueOf(env.get(SINGLE_TENANT_ENV)).trim()));
        }
    }

    private static final Tenancy STAGE = Tenancy.fromEnvironment(System.getenv());

    private Accounts() {
    }

    /** The account under this function's stage setting. */
    public static String from(APIGatewayV2HTTPEvent event) {
        return from(event, STAGE);
    }

    public static String from(APIGatewayV2HTTPEvent event, Tenancy tenancy) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = null;
        if (event.getRequestContext() != null && event.getRequestContext().getAuthorizer() != null) {
            jwt = event.getRequestContext().getAuthorizer().getJwt();
        }
        Map<String, String> claims = jwt == null ? null : jwt.getClaims();
        if (claims == null) throw unauthenticated("the request carries no verified token");
        if (scopes(jwt).contains(ACT_FOR_ACCOUNT_SCOPE)) {
            String header = header(event, ACCOUNT_HEADER);
            if (header == null || header.isBlank()) {
                throw unauthenticated("a token with the " + ACT_FOR_ACCOUNT_SCOPE + " scope must name the account it "
                        + "acts for in the " + ACCOUNT_HEADER + " header");
            }
            return checked(header.trim(), "the " + ACCOUNT_HEADER + " header");
        }
        String account = claims.get(ACCOUNT_CLAIM);
        if (account != null && !account.isBlank()) return checked(account, "the " + ACCOUNT_CLAIM + " claim");
        String sub = claims.get(SUBJECT_CLAIM);
        if (tenancy.singleTenant() && sub != null && !sub.isBlank()) {
            String fallback = SUBJECT_PREFIX + sub;
            if (!ACCOUNT_ID.matcher(fallback).matches()) throw unauthenticated("the sub claim is not a usable account id");
            return fallback;
        }
        throw unauthenticated("the token has neither a " + ACCOUNT_CLAIM + " claim nor the " + ACT_FOR_ACCOUNT_SCOPE
                + " scope");
    }

    private static String checked(String account, String source) {
        if (account.startsWith(SUBJECT_PREFIX)) {
            throw unauthenticated(source + " may not start with '" + SUBJECT_PREFIX + "'");
        }
        if (!ACCOUNT_ID.matcher(account).matches()) throw unauthenticated(source + " is not a valid account id");
        return account;
    }

    /** The token's scopes: API Gateway's parsed list, else the space-separated {@code scope} claim. */
    static Set<String> scopes(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt) {
        Set<String> out = new HashSet<>();
        List<String> listed = jwt.getScopes();
        if (listed != null) out.addAll(listed);
        String claim = jwt.getClaims() == null ? null : jwt.getClaims().get(SCOPE_CLAIM);
        if (claim != null) for (String s : claim.trim().split("\\s+")) if (!s.isEmpty()) out.add(s);
        return out;
    }

    private static String header(APIGatewayV2HTTPEvent event, String name) {
        if (event.getHeaders() == null) return null;
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> h : event.getHeaders().entrySet()) {
            if (h.getKey() != null && h.getKey().toLowerCase(Locale.ROOT).equals(lower)) return h.getValue();
        }
        return null;
    }

    private static ApiException unauthenticated(String message) {
        return new ApiException(401, "unauthenticated", message);
    }
}
