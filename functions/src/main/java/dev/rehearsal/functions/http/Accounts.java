package dev.rehearsal.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The caller's account, from the JWT authorizer's claims only
 * ({@code requestContext.authorizer.jwt.claims}): the custom claim {@code custom:account_id}
 * (a Cognito custom attribute; make it read-only for app clients), falling back to the subject as
 * {@code user:<sub>}, a namespace a custom account id may not use, so no user can land in a tenant by
 * their subject. Never from the body, path or headers. No usable claim is 401.
 */
public final class Accounts {
    public static final String ACCOUNT_CLAIM = "custom:account_id";
    public static final String SUBJECT_CLAIM = "sub";
    public static final String SUBJECT_PREFIX = "user:";
    public static final Pattern ACCOUNT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:@|+=-]{0,127}$");

    private Accounts() {
    }

    public static String from(APIGatewayV2HTTPEvent event) {
        Map<String, String> claims = null;
        if (event.getRequestContext() != null && event.getRequestContext().getAuthorizer() != null
                && event.getRequestContext().getAuthorizer().getJwt() != null) {
            claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
        }
        if (claims == null) throw unauthenticated("the request carries no authorizer claims");
        String account = claims.get(ACCOUNT_CLAIM);
        if (account != null && account.startsWith(SUBJECT_PREFIX)) {
            throw unauthenticated("the " + ACCOUNT_CLAIM + " claim may not start with '" + SUBJECT_PREFIX + "'");
        }
        if (account == null || account.isBlank()) {
            String sub = claims.get(SUBJECT_CLAIM);
            account = sub == null || sub.isBlank() ? null : SUBJECT_PREFIX + sub;
        }
        if (account == null) {
            throw unauthenticated("the token has neither a " + ACCOUNT_CLAIM + " nor a " + SUBJECT_CLAIM + " claim");
        }
        if (!ACCOUNT_ID.matcher(account).matches()) throw unauthenticated("the account claim is not a valid account id");
        return account;
    }

    private static ApiException unauthenticated(String message) {
        return new ApiException(401, "unauthenticated", message);
    }
}
