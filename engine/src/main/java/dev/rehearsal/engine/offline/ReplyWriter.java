package dev.rehearsal.engine.offline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.JsonTrees;
import dev.rehearsal.engine.persona.Knobs;
import dev.rehearsal.engine.reading.MessageReading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a reply for a chosen {@link Move}: an opener, the move's core sentence, specifics taken from
 * the message (its topic, time, price, offered reply code, the questions a person asks that kind of
 * business), and a sign-off, in the persona's voice and language. The phrase banks are
 * {@code /offline/replies-en.json} and {@code /offline/replies-es.json}; every draw comes from the
 * "phrase" stream, so a bigger bank never changes whether or when a lead replies.
 */
final class ReplyWriter {
    private static final java.util.Set<String> LANGUAGES = java.util.Set.of("en", "es");

    /** Each bank is read when a lead first writes in its language (an English walk never parses the Spanish one). */
    private static final class English {
        static final JsonNode BANK = load("en");
    }

    private static final class Spanish {
        static final JsonNode BANK = load("es");
    }

    private ReplyWriter() {
    }

    /** The languages the offline engine writes; others fall back to English with a warning. */
    static boolean writes(String primaryLanguage) {
        return LANGUAGES.contains(primaryLanguage);
    }

    static String write(Move move, Knobs k, MessageReading r, String sender, SplittableRandom rnd) {
        JsonNode bank = "es".equals(k.primaryLanguage()) ? Spanish.BANK : English.BANK;
        String voice = k.style().name().toLowerCase(Locale.ROOT);
        List<String> parts = new ArrayList<>();
        if (move == Move.STOP || move == Move.UNSUBSCRIBE) {
            return pick(bank.path(move.key()), rnd);
        }
        String core = core(bank, move, voice, r, sender, rnd);
        switch (k.style()) {
            case BUSY, COLD -> parts.add(core);
            case CHATTY -> {
                parts.add(pick(voiced(bank.path("openers"), voice), rnd));
                parts.add(pick(bank.path("stories"), rnd));
                parts.add(core);
                if (move != Move.APPT_QUESTION && move != Move.OFFER_QUESTION && rnd.nextBoolean()) {
                    parts.add(pick(bank.path("chatty_questions").path(r.act().wire()).isMissingNode()
                            ? bank.path("chatty_questions").path("default") : bank.path("chatty_questions").path(r.act().wire()), rnd));
                }
                parts.add(pick(voiced(bank.path("closers"), voice), rnd));
            }
            default -> {
                // A reply code leads the reply, as people text it: a CRM's keyword rule reads the first word.
                boolean bare = (move == Move.CONFIRM && r.codeFor("confirm") != null)
                        || (move == Move.RESCHEDULE && r.codeFor("reschedule") != null)
                        || (move == Move.BOOK && (r.codeFor("yes") != null || r.codeFor("book") != null));
                if (bare) {
                    parts.add(core);
                    // An eager lead confirms and, now and then, asks about the appointment in the same text.
                    if (k.style() == Knobs.Style.EAGER && move == Move.CONFIRM && rnd.nextDouble() < 0.2) {
                        parts.add(pick(byVertical(bank.path("appointment_questions"), r, sender), rnd));
                    }
                    break;
                }
                if (rnd.nextDouble() < 0.55) parts.add(pick(voiced(bank.path("openers"), voice), rnd));
                parts.add(core);
                if (rnd.nextDouble() < 0.4) parts.add(pick(voiced(bank.path("closers"), voice), rnd));
            }
        }
        String text = String.join(" ", parts.stream().filter(s -> !s.isBlank()).toList());
        text = fill(text, bank, r, sender, k.primaryLanguage(), rnd);
        return k.terse() ? terse(text, rnd) : text;
    }

    private static String core(JsonNode bank, Move move, String voice, MessageReading r, String sender, SplittableRandom rnd) {
        return switch (move) {
            case CONFIRM -> r.codeFor("confirm") != null ? pick(voiced(bank.path("confirm_code"), voice), rnd)
                    : pick(voiced(bank.path("confirm"), voice), rnd);
            case RESCHEDULE -> r.codeFor("reschedule") != null ? pick(voiced(bank.path("reschedule_code"), voice), rnd)
                    : pick(voiced(bank.path("reschedule"), voice), rnd);
            case APPT_QUESTION -> pick(byVertical(bank.path("appointment_questions"), r, sender), rnd);
            case TECH_QUESTION -> pick(byVertical(bank.path("tech_questions"), r, sender), rnd);
            // Sarah doubts this business (a roofer's licence and warranty, a lawyer's fees) or this offer.
            case DOUBT -> r.act() != dev.rehearsal.engine.reading.Act.NURTURE && rnd.nextDouble() < 0.6
                    && lines(bank.path("doubts_by_vertical"), r, sender).isArray()
                    ? pick(lines(bank.path("doubts_by_vertical"), r, sender), rnd) : pick(bank.path("doubts").path(offerKind(r)), rnd);
            case OBJECT -> pick(bank.path("objection").path(offerKind(r)).isArray() ? bank.path("objection").path(offerKind(r))
                    : bank.path("objection").path("none"), rnd);
            case RATE -> pick(voiced(bank.path("rate"), voice), rnd);
            case BOOK -> r.codeFor("yes") != null || r.codeFor("book") != null ? pick(voiced(bank.path("book_code"), voice), rnd)
                    : pick(voiced(bank.path(buys(r) ? "buy" : "book"), voice), rnd);
            case OFFER_QUESTION -> lines(bank.path("offer_question_by_vertical"), r, sender).isArray()
                    ? pick(lines(bank.path("offer_question_by_vertical"), r, sender), rnd) : pick(voiced(bank.path("offer_question"), voice), rnd);
            case VALUE_YES -> pick(bank.path(r.offer().free() ? "value_yes_free" : "value_yes").path("default"), rnd);
            // Pam asks what that kind of business charges (a deductible, a copay, a joining fee), or the price itself.
            case ASK_PRICE -> rnd.nextDouble() < 0.6 && lines(bank.path("ask_price_by_vertical"), r, sender).isArray()
                    ? pick(lines(bank.path("ask_price_by_vertical"), r, sender), rnd)
                    : pick(bank.path(r.offer().free() || r.offer().trial() ? "ask_price_after_free" : "ask_price").path("default"), rnd);
            default -> pick(voiced(bank.path(move.key()), voice), rnd);
        };
    }

    /** A shop's goods are bought; its services (a tune-up, a fitting, a repair) are booked. */
    private static boolean buys(MessageReading r) {
        return r.vertical() == dev.rehearsal.engine.reading.Vertical.RETAIL
                && (r.topic() == null || java.util.Set.of("order", "sale", "offer", "pedido", "oferta").contains(r.topic()));
    }

    private static final java.util.regex.Pattern THERAPY = java.util.regex.Pattern.compile(
            "(?i)physio|rehab|physical therap|chiropract|fisioterap");

    /**
     * The phrase-bank key: the vertical, or a trade inside it whose questions differ from the
     * vertical's usual ones (a shop's service desk is not its clothing rail; a physiotherapist is not
     * a GP), read from the topic and the sender's name.
     */
    static String trade(MessageReading r, String sender) {
        if (r.vertical() == dev.rehearsal.engine.reading.Vertical.RETAIL && !buys(r)) return "retail_service";
        if (r.vertical() == dev.rehearsal.engine.reading.Vertical.MEDICAL && sender != null && THERAPY.matcher(sender).find()) {
            return "medical_therapy";
        }
        return r.vertical().wire();
    }

    /** The trade's lines, else the vertical's (a missing node when neither has any). */
    private static JsonNode lines(JsonNode section, MessageReading r, String sender) {
        JsonNode t = section.path(trade(r, sender));
        return t.isArray() && !t.isEmpty() ? t : section.path(r.vertical().wire());
    }

    private static String offerKind(MessageReading r) {
        var o = r.offer();
        return switch (r.act()) {
            case INVITE -> "invite";
            case NURTURE -> "nurture";
            case REENGAGEMENT -> "reengagement";
            default -> o.free() ? "free" : o.trial() ? "trial" : o.discount() ? "discount" : o.price() != null ? "price" : "none";
        };
    }

    private static String fill(String text, JsonNode bank, MessageReading r, String sender, String language,
                               SplittableRandom rnd) {
        String topic = topic(bank, r);
        // The message's own words for a time are only quoted back in the message's language.
        boolean quote = r.when() != null && r.language().equals(writes(language) ? language : "en");
        String out = text.replace("{topic}", topic)
                .replace("{when}", quote ? r.when() : bank.path("when_default").asText("then"))
                .replace("{price}", r.offer().price() != null ? r.offer().price() : bank.path("price_default").asText("that"))
                .replace("{sender}", sender != null ? sender : bank.path("sender_default").asText("you"));
        if (out.contains("{competitor}")) out = out.replace("{competitor}", pick(byVertical(bank.path("competitors"), r.vertical().wire()), rnd));
        if (out.contains("{ycode}")) out = out.replace("{ycode}", r.codeFor("yes") != null ? r.codeFor("yes") : String.valueOf(r.codeFor("book")));
        if (out.contains("{code}")) out = out.replace("{code}", r.codeFor("confirm") != null ? r.codeFor("confirm") : "");
        if (out.contains("{rcode}")) out = out.replace("{rcode}", r.codeFor("reschedule") != null ? r.codeFor("reschedule") : "");
        return out.replaceAll("\\s+", " ").trim();
    }

    private static String topic(JsonNode bank, MessageReading r) {
        String t = r.topic();
        if (t != null) {
            JsonNode translated = bank.path("topics").path(t);
            return translated.isTextual() ? translated.asText() : t;
        }
        return bank.path("topic_default").path(r.act().wire()).asText("offer");
    }

    /** Busy thumbs: lower case, no final stop, the odd abbreviation. */
    private static String terse(String text, SplittableRandom rnd) {
        String t = text;
        boolean code = t.matches("^[A-Z0-9]{1,3}\\b.*");
        if (rnd.nextDouble() < 0.5 && !code) t = t.toLowerCase(Locale.ROOT);
        if (rnd.nextDouble() < 0.5 && t.endsWith(".")) t = t.substring(0, t.length() - 1);
        if (rnd.nextDouble() < 0.3) t = t.replace("thanks", "thx").replace("Thanks", "thx");
        if (rnd.nextDouble() < 0.3) t = t.replace("tomorrow", "tmrw").replace(" you", " u");
        if (rnd.nextDouble() < 0.2) t = t.replace("please", "pls").replace("Please", "pls");
        return t;
    }

    private static JsonNode voiced(JsonNode section, String voice) {
        JsonNode v = section.path(voice);
        return v.isArray() && !v.isEmpty() ? v : section.path("default");
    }

    private static JsonNode byVertical(JsonNode section, MessageReading r, String sender) {
        JsonNode v = lines(section, r, sender);
        return v.isArray() && !v.isEmpty() ? v : section.path("general");
    }

    private static JsonNode byVertical(JsonNode section, String vertical) {
        JsonNode v = section.path(vertical);
        return v.isArray() && !v.isEmpty() ? v : section.path("general");
    }

    static String pick(JsonNode list, SplittableRandom rnd) {
        if (!list.isArray() || list.isEmpty()) throw new IllegalStateException("empty phrase list");
        return list.get(rnd.nextInt(list.size())).asText();
    }

    private static JsonNode load(String lang) {
        String path = "/offline/replies-" + lang + ".json";
        try (InputStream in = ReplyWriter.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing phrase bank " + path);
            return JsonTrees.read(in); // no data binding on a Lambda's first event
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
