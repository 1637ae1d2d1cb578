package dev.rehearsal.store;

import java.time.Duration;
import java.util.Map;

/**
 * How long each kind of item is kept before DynamoDB's TTL deletes it (docs/SECURITY.md, Retention):
 * runs with everything in them, definitions (custom personas, workflow versions, suites; null: until
 * deleted) after their last write, and recorded LLM answers. Set per stage through template.yaml.
 */
public record Retention(Duration runs, Duration definitions, Duration replays) {
    public static final String RUNS_ENV = "RUN_RETENTION_DAYS";
    public static final String DEFINITIONS_ENV = "DEFINITION_RETENTION_DAYS";
    public static final String REPLAYS_ENV = "REPLAY_RETENTION_DAYS";
    public static final Retention DEFAULT = new Retention(RunRepository.DEFAULT_RETENTION, null,
            ReplayCacheRepository.DEFAULT_TTL);

    public Retention {
        if (runs == null || replays == null) throw new IllegalArgumentException("run and replay retention are required");
    }

    /** From the environment; an unset variable keeps its default, and 0 days of definitions means until deleted. */
    public static Retention fromEnvironment(Map<String, String> env) {
        Duration runs = days(env, RUNS_ENV, DEFAULT.runs());
        Duration defs = days(env, DEFINITIONS_ENV, Duration.ZERO);
        Duration replays = days(env, REPLAYS_ENV, DEFAULT.replays());
        if (runs.isZero() || replays.isZero()) {
            throw new IllegalStateException(RUNS_ENV + " and " + REPLAYS_ENV + " must be at least 1 day");
        }
        return new Retention(runs, defs.isZero() ? null : defs, replays);
    }

    private static Duration days(Map<String, String> env, String key, Duration dflt) {
        String v = env.get(key);
        if (v == null || v.isBlank()) return dflt;
        try {
            long d = Long.parseLong(v.trim());
            if (d < 0) throw new NumberFormatException();
            return Duration.ofDays(d);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be a whole number of days, not '" + v + "'");
        }
    }
}
