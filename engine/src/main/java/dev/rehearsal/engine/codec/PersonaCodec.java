package dev.rehearsal.engine.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rehearsal.engine.persona.Behavior;
import dev.rehearsal.engine.persona.Persona;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A persona document (stored, built in, or inside a session) without data binding; see the package note. */
public final class PersonaCodec {
    private PersonaCodec() {
    }

    /** As {@code Json.mapper().readValue(json, Persona.class)}. */
    public static Persona read(String json) throws IOException {
        return Reads.orMapper(json, PersonaCodec::read, Persona.class);
    }

    /** The fast path alone: throws on anything but the shape {@link #write} produces. */
    static Persona readFast(String json) throws IOException {
        return Reads.fast(json, PersonaCodec::read);
    }

    public static Persona read(byte[] json) throws IOException {
        return read(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** As {@code Json.write(persona)}. */
    public static String write(Persona persona) {
        return Writes.document(g -> write(g, persona));
    }

    static Persona read(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_OBJECT);
        String id = null, name = null, description = null;
        Persona.Personality personality = null;
        Map<String, String> demographics = null, contact = null;
        List<String> traits = null;
        boolean builtIn = false;
        Behavior behavior = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            p.nextToken();
            switch (f) {
                case "id" -> id = Reads.string(p);
                case "name" -> name = Reads.string(p);
                case "description" -> description = Reads.string(p);
                case "personality" -> personality = personality(p);
                case "demographics" -> demographics = Reads.stringMap(p, new LinkedHashMap<>());
                case "behavior_traits" -> traits = Reads.strings(p);
                case "contact" -> contact = Reads.stringMap(p, new LinkedHashMap<>());
                case "built_in" -> builtIn = Reads.bool(p);
                case "behavior" -> behavior = behavior(p);
                default -> throw Reads.unknown(p);
            }
        }
        return new Persona(id, name, description, personality, demographics, traits, contact, builtIn, behavior);
    }

    private static Persona.Personality personality(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_OBJECT);
        String tone = null, length = null, speed = null, objection = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            p.nextToken();
            switch (f) {
                case "tone" -> tone = Reads.string(p);
                case "response_length" -> length = Reads.string(p);
                case "decision_speed" -> speed = Reads.string(p);
                case "objection_likelihood" -> objection = Reads.string(p);
                default -> throw Reads.unknown(p);
            }
        }
        return new Persona.Personality(tone, length, speed, objection);
    }

    private static Behavior behavior(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_OBJECT);
        String language = null;
        Behavior.Hours hours = null;
        Behavior.Rates rates = null;
        Behavior.Delay delay = null;
        Double open = null, click = null, optOut = null, price = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            p.nextToken();
            switch (f) {
                case "language" -> language = Reads.string(p);
                case "active_hours" -> hours = hours(p);
                case "reply_rate" -> rates = rates(p);
                case "reply_delay" -> delay = delay(p);
                case "open_rate" -> open = Reads.doubleValue(p);
                case "click_rate" -> click = Reads.doubleValue(p);
                case "opt_out_sensitivity" -> optOut = Reads.doubleValue(p);
                case "price_sensitivity" -> price = Reads.doubleValue(p);
                default -> throw Reads.unknown(p);
            }
        }
        return new Behavior(language, hours, rates, delay, open, click, optOut, price);
    }

    private static Behavior.Hours hours(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_OBJECT);
        String start = null, end = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            p.nextToken();
            switch (f) {
                case "start" -> start = Reads.string(p);
                case "end" -> end = Reads.string(p);
                default -> throw Reads.unknown(p);
            }
        }
        return new Behavior.Hours(start, end);
    }

    private static Behavior.Rates rates(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_OBJECT);
        Double sms = null, email = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            p.nextToken();
            switch (f) {
                case "sms" -> sms = Reads.doubleValue(p);
                case "email" -> email = Reads.doubleValue(p);
                default -> throw Reads.unknown(p);
            }
        }
        return new Behavior.Rates(sms, email);
    }

    private static Behavior.Delay delay(JsonParser p) throws IOException {
        Reads.expect(p, JsonToken.START_OBJECT);
        String median = null;
        Double spread = null;
        for (String f = p.nextFieldName(); f != null; f = p.nextFieldName()) {
            p.nextToken();
            switch (f) {
                case "median" -> median = Reads.string(p);
                case "spread" -> spread = Reads.doubleValue(p);
                default -> throw Reads.unknown(p);
            }
        }
        return new Behavior.Delay(median, spread);
    }

    static void write(JsonGenerator g, Persona v) throws IOException {
        g.writeStartObject();
        Writes.string(g, "id", v.id());
        Writes.string(g, "name", v.name());
        Writes.string(g, "description", v.description());
        if (v.personality() != null) {
            Persona.Personality t = v.personality();
            g.writeObjectFieldStart("personality");
            Writes.string(g, "tone", t.tone());
            Writes.string(g, "response_length", t.responseLength());
            Writes.string(g, "decision_speed", t.decisionSpeed());
            Writes.string(g, "objection_likelihood", t.objectionLikelihood());
            g.writeEndObject();
        }
        Writes.map(g, "demographics", v.demographics());
        Writes.strings(g, "behavior_traits", v.behaviorTraits());
        Writes.map(g, "contact", v.contact());
        g.writeBooleanField("built_in", v.builtIn());
        if (v.behavior() != null) behavior(g, v.behavior());
        g.writeEndObject();
    }

    private static void behavior(JsonGenerator g, Behavior b) throws IOException {
        g.writeObjectFieldStart("behavior");
        Writes.string(g, "language", b.language());
        if (b.activeHours() != null) {
            g.writeObjectFieldStart("active_hours");
            Writes.string(g, "start", b.activeHours().start());
            Writes.string(g, "end", b.activeHours().end());
            g.writeEndObject();
        }
        if (b.replyRate() != null) {
            g.writeObjectFieldStart("reply_rate");
            Writes.number(g, "sms", b.replyRate().sms());
            Writes.number(g, "email", b.replyRate().email());
            g.writeEndObject();
        }
        if (b.replyDelay() != null) {
            g.writeObjectFieldStart("reply_delay");
            Writes.string(g, "median", b.replyDelay().median());
            Writes.number(g, "spread", b.replyDelay().spread());
            g.writeEndObject();
        }
        Writes.number(g, "open_rate", b.openRate());
        Writes.number(g, "click_rate", b.clickRate());
        Writes.number(g, "opt_out_sensitivity", b.optOutSensitivity());
        Writes.number(g, "price_sensitivity", b.priceSensitivity());
        g.writeEndObject();
    }
}
