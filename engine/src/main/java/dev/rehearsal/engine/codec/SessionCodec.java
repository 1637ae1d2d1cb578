package dev.rehearsal.engine.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.sim.ContactState;
import dev.rehearsal.engine.sim.EndReason;
import dev.rehearsal.engine.sim.ReplyRecord;
import dev.rehearsal.engine.sim.SimulationSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A stored simulation session (one persona's walk between steps) without data binding; see the package note. */
public final class SessionCodec {
    private SessionCodec() {
    }

    /** As {@code Json.mapper().readValue(json, SimulationSession.class)}. */
    public static SimulationSession read(String json) throws IOException {
        return Reads.orMapper(json, SessionCodec::session, SimulationSession.class);
    }

    /** The fast path alone: throws on anything but the shape {@link #write} produces. */
    static SimulationSession readFast(String json) throws IOException {
        return Reads.fast(json, SessionCodec::session);
    }

    /** As {@code Json.write(session)}. */
    public static String write(SimulationSession s) {
        return Writes.document(g -> write(g, s));
    }

    private static SimulationSession session(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_OBJECT);
        SimulationSession s = new SimulationSession();
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            p.nextToken();
            switch (f) {
                case "persona" -> s.persona = PersonaCodec.read(p);
                case "seed" -> s.seed = Reads.longValue(p);
                case "walk" -> s.walk = Reads.intValue(p);
                case "clock" -> s.clock = Reads.longValue(p);
                case "timezone" -> s.timezone = Reads.string(p);
                case "contact" -> s.contact = contact(p);
                case "transcript" -> s.transcript = transcript(p);
                case "visits" -> s.visits = Reads.intMap(p);
                case "usage" -> s.usage = usage(p);
                case "workflow_id" -> s.workflowId = Reads.string(p);
                case "persona_id" -> s.personaId = Reads.string(p);
                case "step_id" -> s.stepId = Reads.string(p);
                case "step_index" -> s.stepIndex = Reads.intValue(p);
                case "started_at" -> s.startedAt = Reads.longValue(p);
                case "end_reason" -> s.endReason = EndReason.fromWire(Reads.string(p));
                case "likely_to_convert" -> s.likelyToConvert = Reads.intValue(p);
                default -> throw Reads.unknown(p);
            }
        }
        return s;
    }

    private static ContactState contact(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_OBJECT);
        ContactState c = new ContactState();
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            p.nextToken();
            switch (f) {
                case "fields" -> c.fields = Reads.stringMap(p, new TreeMap<>());
                case "tags" -> c.tags = new TreeSet<>(Reads.strings(p));
                case "replies" -> c.replies = replies(p);
                case "goals" -> c.goals = new TreeSet<>(Reads.strings(p));
                case "sms_opted_out_at" -> c.smsOptedOutAt = Reads.longValue(p);
                case "email_unsubscribed_at" -> c.emailUnsubscribedAt = Reads.longValue(p);
                case "last_email_opened_at" -> c.lastEmailOpenedAt = Reads.longValue(p);
                case "last_email_clicked_at" -> c.lastEmailClickedAt = Reads.longValue(p);
                case "sent_at" -> c.sentAt = Reads.longs(p);
                case "replies_checked_at" -> c.repliesCheckedAt = Reads.longValue(p);
                default -> throw Reads.unknown(p);
            }
        }
        return c;
    }

    private static List<ReplyRecord> replies(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_ARRAY);
        List<ReplyRecord> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Reads.expect(p, JsonToken.START_OBJECT);
            String stepId = null, text = null;
            Channel channel = null;
            Intent intent = null, personaIntent = null;
            Sentiment sentiment = null, personaSentiment = null;
            long arrivesAt = 0;
            boolean consumed = false;
            for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                p.nextToken();
                switch (f) {
                    case "stepId" -> stepId = Reads.string(p);
                    case "channel" -> channel = Channel.fromWire(Reads.string(p));
                    case "text" -> text = Reads.string(p);
                    case "intent" -> intent = Intent.fromWire(Reads.string(p));
                    case "sentiment" -> sentiment = Sentiment.fromWire(Reads.string(p));
                    case "arrives_at" -> arrivesAt = Reads.longValue(p);
                    case "consumed" -> consumed = Reads.bool(p);
                    case "persona_intent" -> personaIntent = Intent.fromWire(Reads.string(p));
                    case "persona_sentiment" -> personaSentiment = Sentiment.fromWire(Reads.string(p));
                    default -> throw Reads.unknown(p);
                }
            }
            out.add(new ReplyRecord(stepId, channel, text, intent, sentiment, arrivesAt, consumed, personaIntent,
                    personaSentiment));
        }
        return out;
    }

    private static List<Turn> transcript(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_ARRAY);
        List<Turn> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Reads.expect(p, JsonToken.START_OBJECT);
            boolean fromLead = false;
            Channel channel = null;
            String subject = null, text = null;
            long at = 0;
            Set<Action> actions = null;
            for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
                p.nextToken();
                switch (f) {
                    case "fromLead" -> fromLead = Reads.bool(p);
                    case "channel" -> channel = Channel.fromWire(Reads.string(p));
                    case "subject" -> subject = Reads.string(p);
                    case "text" -> text = Reads.string(p);
                    case "at" -> at = Reads.longValue(p);
                    case "actions" -> actions = actions(p);
                    default -> throw Reads.unknown(p);
                }
            }
            out.add(new Turn(fromLead, channel, subject, text, at, actions));
        }
        return out;
    }

    static Set<Action> actions(JsonParser p) throws IOException {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (String a : Reads.strings(p)) out.add(Action.fromWire(a));
        return out;
    }

    static Usage usage(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_OBJECT);
        long in = 0, out = 0, cached = 0, cacheWrite = 0, calls = 0;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            p.nextToken();
            switch (f) {
                case "input_tokens" -> in = Reads.longValue(p);
                case "output_tokens" -> out = Reads.longValue(p);
                case "cached_input_tokens" -> cached = Reads.longValue(p);
                case "cache_write_tokens" -> cacheWrite = Reads.longValue(p);
                case "calls" -> calls = Reads.longValue(p);
                default -> throw Reads.unknown(p);
            }
        }
        return new Usage(in, out, cached, cacheWrite, calls);
    }

    static void write(JsonGenerator g, SimulationSession s) throws IOException {
        g.writeStartObject();
        // the mapper's order: plain fields as declared, then the renamed ones as declared
        if (s.persona != null) {
            g.writeFieldName("persona");
            PersonaCodec.write(g, s.persona);
        }
        g.writeNumberField("seed", s.seed);
        g.writeNumberField("walk", s.walk);
        g.writeNumberField("clock", s.clock);
        Writes.string(g, "timezone", s.timezone);
        if (s.contact != null) contact(g, s.contact);
        if (s.transcript != null) {
            g.writeArrayFieldStart("transcript");
            for (Turn t : s.transcript) turn(g, t);
            g.writeEndArray();
        }
        Writes.map(g, "visits", s.visits);
        if (s.usage != null) usage(g, "usage", s.usage);
        Writes.string(g, "workflow_id", s.workflowId);
        Writes.string(g, "persona_id", s.personaId);
        Writes.string(g, "step_id", s.stepId);
        g.writeNumberField("step_index", s.stepIndex);
        g.writeNumberField("started_at", s.startedAt);
        if (s.endReason != null) g.writeStringField("end_reason", s.endReason.wire());
        Writes.number(g, "likely_to_convert", s.likelyToConvert);
        g.writeEndObject();
    }

    private static void contact(JsonGenerator g, ContactState c) throws IOException {
        g.writeObjectFieldStart("contact");
        Writes.map(g, "fields", c.fields);
        Writes.strings(g, "tags", c.tags);
        if (c.replies != null) {
            g.writeArrayFieldStart("replies");
            for (ReplyRecord r : c.replies) reply(g, r);
            g.writeEndArray();
        }
        Writes.strings(g, "goals", c.goals);
        Writes.number(g, "sms_opted_out_at", c.smsOptedOutAt);
        Writes.number(g, "email_unsubscribed_at", c.emailUnsubscribedAt);
        Writes.number(g, "last_email_opened_at", c.lastEmailOpenedAt);
        Writes.number(g, "last_email_clicked_at", c.lastEmailClickedAt);
        if (c.sentAt != null) {
            g.writeArrayFieldStart("sent_at");
            for (Long at : c.sentAt) g.writeNumber(at);
            g.writeEndArray();
        }
        Writes.number(g, "replies_checked_at", c.repliesCheckedAt);
        g.writeEndObject();
    }

    private static void reply(JsonGenerator g, ReplyRecord r) throws IOException {
        g.writeStartObject();
        Writes.string(g, "stepId", r.stepId());
        if (r.channel() != null) g.writeStringField("channel", r.channel().wire());
        Writes.string(g, "text", r.text());
        if (r.intent() != null) g.writeStringField("intent", r.intent().wire());
        if (r.sentiment() != null) g.writeStringField("sentiment", r.sentiment().wire());
        g.writeNumberField("arrives_at", r.arrivesAt());
        g.writeBooleanField("consumed", r.consumed());
        if (r.personaIntent() != null) g.writeStringField("persona_intent", r.personaIntent().wire());
        if (r.personaSentiment() != null) g.writeStringField("persona_sentiment", r.personaSentiment().wire());
        g.writeEndObject();
    }

    private static void turn(JsonGenerator g, Turn t) throws IOException {
        g.writeStartObject();
        g.writeBooleanField("fromLead", t.fromLead());
        if (t.channel() != null) g.writeStringField("channel", t.channel().wire());
        Writes.string(g, "subject", t.subject());
        Writes.string(g, "text", t.text());
        g.writeNumberField("at", t.at());
        if (!t.actions().isEmpty()) actions(g, t.actions()); // NON_EMPTY
        g.writeEndObject();
    }

    static void actions(JsonGenerator g, Set<Action> actions) throws IOException {
        g.writeArrayFieldStart("actions");
        for (Action a : actions) g.writeString(a.wire());
        g.writeEndArray();
    }

    static void usage(JsonGenerator g, String name, Usage u) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeNumberField("input_tokens", u.inputTokens());
        g.writeNumberField("output_tokens", u.outputTokens());
        g.writeNumberField("cached_input_tokens", u.cachedInputTokens());
        g.writeNumberField("cache_write_tokens", u.cacheWriteTokens());
        g.writeNumberField("calls", u.calls());
        g.writeEndObject();
    }
}
