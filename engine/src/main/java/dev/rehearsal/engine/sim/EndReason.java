package dev.rehearsal.engine.sim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Why a persona's walk stopped. Only END and GOAL are healthy endings. */
public enum EndReason {
    END, GOAL, DEAD_END, MAX_STEPS, LOOP_GUARD, NO_MATCHING_BRANCH;

    public boolean healthy() {
        return this == END || this == GOAL;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EndReason fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
