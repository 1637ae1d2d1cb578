package dev.rehearsal.importers;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What became of one element of the source export: {@code pointer} locates it in the source
 * (a JSON pointer), {@code element} says what it was ("send-message 'send_booked'", "transition
 * timeout"), {@code steps} the workflow steps it became, {@code note} what differs or why not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Mapping(String pointer, String element, Outcome outcome, List<String> steps, String note) {
    public enum Outcome {
        /** Simulated as the source tool runs it. */
        MAPPED,
        /** Simulated, with a stated difference. */
        APPROXIMATED,
        /** Not simulated; a placeholder step or nothing stands in, and the note says why. */
        UNSUPPORTED
    }

    public Mapping {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
