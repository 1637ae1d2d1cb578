package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum Sentiment {
    POSITIVE, NEUTRAL, NEGATIVE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Sentiment fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
