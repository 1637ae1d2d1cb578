package dev.rehearsal.engine.stats;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * What the walks say about an expectation, or about a whole run. {@code UNDECIDED}: the interval
 * straddles the required rate, more walks would decide it. {@code INCONCLUSIVE}: too few valid walks
 * (the provider failed, or replies were out of character) to judge the workflow at all.
 */
public enum Verdict {
    PASS, FAIL, UNDECIDED, INCONCLUSIVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Verdict fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** The run's verdict from its parts: any failure fails; then inconclusive, then undecided. */
    public static Verdict combine(Iterable<Verdict> parts) {
        boolean inconclusive = false, undecided = false;
        for (Verdict v : parts) {
            if (v == FAIL) return FAIL;
            if (v == INCONCLUSIVE) inconclusive = true;
            if (v == UNDECIDED) undecided = true;
        }
        return inconclusive ? INCONCLUSIVE : undecided ? UNDECIDED : PASS;
    }
}
