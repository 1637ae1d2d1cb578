package dev.rehearsal.engine.llm;

import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.random.Draws;

import java.util.List;

/**
 * Everything a responder may use to write one reply. {@code history} holds earlier turns only
 * (not {@code message}); {@code seed} (the run's), {@code walk} and {@code visit} (how many times this
 * step has been executed in this walk, from 1) key the offline engine's draws, see {@link Draws}.
 * {@code stepIndex} is the interaction's position, for prompts and records, never for randomness.
 * {@code localTime} is the contact-local wall time the message arrives at ("Tue 19:40").
 * {@code business} is who sends it (the workflow's sender_name and vertical settings; fields may be null).
 */
public record ReplyRequest(Persona persona, OutboundMessage message, List<Turn> history, long seed, int stepIndex,
                           long sentAt, String localTime, int walk, int visit, Business business) {
    public ReplyRequest {
        history = history == null ? List.of() : List.copyOf(history);
        if (visit < 1) visit = 1;
        if (business == null) business = Business.UNKNOWN;
    }

    /** The sender as the workflow's settings declare it; null fields are inferred or unknown. */
    public record Business(String senderName, String vertical) {
        public static final Business UNKNOWN = new Business(null, null);
    }

    /** A reply inside a walk, sender unknown. */
    public ReplyRequest(Persona persona, OutboundMessage message, List<Turn> history, long seed, int stepIndex,
                        long sentAt, String localTime, int walk, int visit) {
        this(persona, message, history, seed, stepIndex, sentAt, localTime, walk, visit, Business.UNKNOWN);
    }

    /** Walk 0, first visit: callers that write one reply outside a walk (calibration, estimates). */
    public ReplyRequest(Persona persona, OutboundMessage message, List<Turn> history, long seed, int stepIndex,
                        long sentAt, String localTime) {
        this(persona, message, history, seed, stepIndex, sentAt, localTime, 0, 1, Business.UNKNOWN);
    }

    /** The common-random-numbers draws of this reply. */
    public Draws draws() {
        return Draws.of(seed, walk, persona == null ? null : persona.id(), message == null ? null : message.stepId(), visit);
    }
}
