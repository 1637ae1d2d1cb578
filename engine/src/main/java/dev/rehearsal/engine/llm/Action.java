package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What the lead did with a message, besides (or instead of) writing back. */
public enum Action {
    OPENED, CLICKED, REPLIED, OPTED_OUT, UNSUBSCRIBED, BOOKED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Action fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
