package dev.rehearsal.engine.validate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How bad a finding is. CRITICAL and ERROR fail a run (exit code 1); WARNING and INFO advise. */
public enum Severity {
    CRITICAL, ERROR, WARNING, INFO;

    public boolean failsRun() {
        return this == CRITICAL || this == ERROR;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
