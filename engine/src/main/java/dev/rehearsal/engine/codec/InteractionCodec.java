package dev.rehearsal.engine.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.reading.ReplyReading;
import dev.rehearsal.engine.sim.Interaction;

import java.io.IOException;

/**
 * An interaction record written without data binding (see the package note). Only written here: reading
 * one back happens on a retried step, which may load the mapper.
 */
public final class InteractionCodec {
    private InteractionCodec() {
    }

    /** As {@code Json.write(interaction)}. */
    public static String write(Interaction in) {
        return Writes.document(g -> write(g, in));
    }

    private static void write(JsonGenerator g, Interaction in) throws IOException {
        g.writeStartObject();
        g.writeNumberField("step_index", in.stepIndex());
        Writes.string(g, "step_id", in.stepId());
        Writes.string(g, "step_type", in.stepType());
        Writes.string(g, "at", in.at());
        Writes.string(g, "local_time", in.localTime());
        if (in.message() != null) message(g, in.message());
        if (in.reply() != null) reply(g, in.reply());
        if (in.reading() != null) reading(g, in.reading());
        Writes.string(g, "reply_at", in.replyAt());
        Writes.string(g, "transition", in.transition());
        Writes.string(g, "next", in.next());
        Writes.string(g, "note", in.note());
        Writes.strings(g, "flags", in.flags());
        g.writeEndObject();
    }

    private static void message(JsonGenerator g, OutboundMessage m) throws IOException {
        g.writeObjectFieldStart("message");
        Writes.string(g, "step_id", m.stepId());
        if (m.channel() != null) g.writeStringField("channel", m.channel().wire());
        Writes.string(g, "subject", m.subject());
        Writes.string(g, "body", m.body());
        g.writeEndObject();
    }

    private static void reply(JsonGenerator g, PersonaReply r) throws IOException {
        g.writeObjectFieldStart("reply");
        Writes.string(g, "response", r.response());
        Writes.string(g, "reasoning", r.reasoning());
        if (r.sentiment() != null) g.writeStringField("sentiment", r.sentiment().wire());
        if (r.intent() != null) g.writeStringField("intent", r.intent().wire());
        g.writeNumberField("likely_to_convert", r.likelyToConvert());
        SessionCodec.actions(g, r.actions()); // NON_NULL only: an empty set is written
        Writes.number(g, "reply_latency_minutes", r.replyLatencyMinutes());
        if (r.usage() != null) SessionCodec.usage(g, "usage", r.usage());
        Writes.string(g, "provider_error", r.providerError());
        if (r.providerRetryable() != null) g.writeBooleanField("provider_retryable", r.providerRetryable());
        if (r.replyWhen() != null) {
            g.writeObjectFieldStart("reply_when");
            Writes.string(g, "said", r.replyWhen().said());
            Writes.number(g, "said_minutes", r.replyWhen().saidMinutes());
            Writes.string(g, "rule", r.replyWhen().rule());
            g.writeEndObject();
        }
        Writes.string(g, "out_of_character", r.outOfCharacter());
        g.writeEndObject();
    }

    private static void reading(JsonGenerator g, ReplyReading r) throws IOException {
        g.writeObjectFieldStart("reading");
        g.writeStringField("intent", r.intent().wire());
        g.writeStringField("sentiment", r.sentiment().wire());
        g.writeBooleanField("opt_out", r.optOut());
        Writes.string(g, "rule", r.rule());
        Writes.string(g, "classifier", r.classifier());
        if (r.usage() != null) SessionCodec.usage(g, "usage", r.usage());
        g.writeEndObject();
    }
}
