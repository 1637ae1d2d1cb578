package dev.rehearsal.engine.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.rehearsal.engine.hunt.Witness;

import java.util.Locale;

/**
 * Why a transition is or is not exercised: {@code covered} by persona walks (how many), {@code witnessed}
 * by a scripted lead (its script and transcript), {@code unreachable} (the data-flow reason), or
 * {@code unknown} (the hunt's step budget ran out, or hunting was off).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TransitionStatus(String transition, Status status, Integer walks, String reason, Integer budget,
                               Witness witness) {

    public enum Status {
        COVERED, WITNESSED, UNREACHABLE, UNKNOWN;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Status fromWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}
