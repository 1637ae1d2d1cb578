package dev.rehearsal.store;

import java.util.Locale;

/**
 * Key layout of the single table. Every partition key of account data starts with
 * {@code ACCOUNT#<accountId>#}, so a request scoped to one account can never name an item of
 * another: isolation holds by construction. Ids may not contain {@code #}, the separator.
 */
public final class Keys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final int MAX_ID_LENGTH = 128;

    private Keys() {
    }

    public static String account(String accountId) {
        return "ACCOUNT#" + check("account id", accountId) + "#";
    }

    public static String personasPk(String accountId) {
        return account(accountId) + "PERSONAS";
    }

    public static String personaSk(String personaId) {
        return "PERSONA#" + check("persona id", personaId);
    }

    public static String workflowPk(String accountId, String workflowId) {
        return account(accountId) + "WORKFLOW#" + check("workflow id", workflowId);
    }

    public static String workflowVersionSk(int version) {
        if (version < 1) throw new IllegalArgumentException("version must be >= 1");
        return "VERSION#" + zeroPadded(version, 10);
    }

    public static String runPk(String accountId, String runId) {
        return account(accountId) + "RUN#" + check("run id", runId);
    }

    public static final String RUN_SK = "RUN";
    public static final String REPORT_SK = "REPORT";
    public static final String ANALYSES_SK = "ANALYSES";
    /** A run's plan: how many walks (a number or auto) and the expectations that decide when auto stops. */
    public static final String PLAN_SK = "PLAN";
    public static final String TEST_PREFIX = "TEST#";
    public static final String INTERACTION_PREFIX = "INTERACTION#";

    /** A run's copy of a persona as it was when the run was requested. */
    public static String personaSnapshotSk(String personaId) {
        return "SNAPSHOT#PERSONA#" + check("persona id", personaId);
    }

    public static String testSk(String personaId) {
        return TEST_PREFIX + check("persona id", personaId);
    }

    public static String interactionPrefix(String personaId) {
        return INTERACTION_PREFIX + check("persona id", personaId) + "#";
    }

    public static String interactionSk(String personaId, int stepIndex) {
        if (stepIndex < 0) throw new IllegalArgumentException("step index must be >= 0");
        return interactionPrefix(personaId) + zeroPadded(stepIndex, 6);
    }

    /**
     * {@code n >= 0} as {@code String.format("%0<width>d")} writes it, without loading the Formatter and its
     * locale data on a Lambda's first event (docs/PERFORMANCE.md, "Lambda cold start").
     */
    static String zeroPadded(int n, int width) {
        String digits = Integer.toString(n);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    public static String suitePk(String accountId, String suiteId) {
        return account(accountId) + "SUITE#" + check("suite id", suiteId);
    }

    public static final String SUITE_SK = "SUITE";
    public static final String BASELINE_SK = "BASELINE";

    public static String replayPk(String accountId, String key) {
        return account(accountId) + "REPLAY#" + check("replay key", key);
    }

    public static final String REPLAY_SK = "REPLAY";

    /** Per-account limits: active runs and the day's LLM spend ({@link AccountLimitsRepository}). */
    public static String limitsPk(String accountId) {
        return account(accountId) + "LIMITS";
    }

    // ---- listings (docs/STORE.md, "Listings"): one sparse global secondary index, newest first
    // (one, because CloudFormation adds at most one index to a deployed table per update)

    /** Index of every listed entity of an account by time: workflows (HEAD items), suites, runs. */
    public static final String BY_TIME_INDEX = "by-time";
    public static final String BY_TIME_PK = "gsi1pk";
    public static final String BY_TIME_SK = "gsi1sk";
    /** A run's entry in its workflow's partition ({@code RUN#<time>#<runId>}), for the runs of one workflow. */
    public static final String WORKFLOW_RUN_PREFIX = "RUN#";
    /** A workflow's summary (latest version, name), the item its partition lists by. */
    public static final String HEAD_SK = "HEAD";

    private static final java.time.format.DateTimeFormatter FIXED_INSTANT = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    public static String workflowsListPk(String accountId) {
        return account(accountId) + "WORKFLOWS";
    }

    public static String suitesListPk(String accountId) {
        return account(accountId) + "SUITES";
    }

    public static String runsListPk(String accountId) {
        return account(accountId) + "RUNS";
    }

    public static String workflowRunSk(String createdAt, String runId) {
        return WORKFLOW_RUN_PREFIX + byTimeSk(createdAt, runId);
    }

    /**
     * A listing sort key: the instant at fixed width (so text order is time order, which
     * {@link java.time.Instant#toString()} is not: it drops trailing zeros), then the id.
     */
    public static String byTimeSk(String instant, String id) {
        return FIXED_INSTANT.format(java.time.Instant.parse(instant)) + "#" + check("id", id);
    }

    /** The id in a listing sort key; {@link IllegalArgumentException} when it is not one. */
    public static String idOfByTimeSk(String sk) {
        int hash = sk.indexOf('#');
        if (hash < 0) throw new IllegalArgumentException("not a listing key");
        FIXED_INSTANT.parse(sk.substring(0, hash));
        return check("id", sk.substring(hash + 1));
    }

    static String check(String what, String id) {
        if (id == null || id.isBlank()) throw new IllegalArgumentException(what + " is missing");
        if (id.length() > MAX_ID_LENGTH) throw new IllegalArgumentException(what + " is longer than " + MAX_ID_LENGTH);
        if (id.indexOf('#') >= 0) throw new IllegalArgumentException(what + " may not contain '#'");
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) throw new IllegalArgumentException(what + " has control characters");
        }
        return id;
    }
}
