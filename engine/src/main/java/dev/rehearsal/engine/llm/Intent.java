package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What a reply means for the workflow. Conditions branch on this, not on the reply's wording. */
public enum Intent {
    INTERESTED, READY_TO_BUY, QUESTION, PRICE_OBJECTION, OBJECTION, NOT_INTERESTED, OPT_OUT, NEUTRAL;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Intent fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Intent::wire).toList();
    }
}
