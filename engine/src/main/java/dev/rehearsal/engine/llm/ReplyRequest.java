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
 * {@code situation} is the code-built context (business, framing, time zone); null when unknown.
 */
public record ReplyRequest(Persona persona, OutboundMessage message, List<Turn> history, long seed, int stepIndex,
                           long sentAt, String localTime, Situation situation, int walk, int visit) {
    public ReplyRequest {
        history = history == null ? List.of() : List.copyOf(history);
        if (visit < 1) visit = 1;
    }

    /** Walk 0, first visit: callers that write one reply outside a walk (calibration, estimates). */
    public ReplyRequest(Persona persona, OutboundMessage message, List<Turn> history, long seed, int stepIndex,
                        long sentAt, String localTime) {
        this(persona, message, history, seed, stepIndex, sentAt, localTime, null, 0, 1);
    }

    public ReplyRequest(Persona persona, OutboundMessage message, List<Turn> history, long seed, int stepIndex,
                        long sentAt, String localTime, Situation situation) {
        this(persona, message, history, seed, stepIndex, sentAt, localTime, situation, 0, 1);
    }

    /** The common-random-numbers draws of this reply. */
    public Draws draws() {
        return Draws.of(seed, walk, persona == null ? null : persona.id(), message == null ? null : message.stepId(), visit);
    }
}
