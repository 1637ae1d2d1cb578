package dev.rehearsal.engine.llm;

import dev.rehearsal.engine.persona.Persona;

import java.util.List;

/**
 * Everything a responder may use to write one reply. {@code history} holds earlier turns only
 * (not {@code message}); {@code seed} and {@code stepIndex} make offline answers reproducible.
 * {@code localTime} is the contact-local wall time the message arrives at ("Tue 19:40").
 * {@code situation} is the code-built context (business, framing, time zone); null when unknown.
 */
public record ReplyRequest(Persona persona, OutboundMessage message, List<Turn> history, long seed, int stepIndex,
                           long sentAt, String localTime, Situation situation) {
    public ReplyRequest {
        history = history == null ? List.of() : List.copyOf(history);
    }

    public ReplyRequest(Persona persona, OutboundMessage message, List<Turn> history, long seed, int stepIndex,
                        long sentAt, String localTime) {
        this(persona, message, history, seed, stepIndex, sentAt, localTime, null);
    }
}
