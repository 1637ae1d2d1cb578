package dev.rehearsal.engine.persona;

import dev.rehearsal.engine.workflow.Durations;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The behaviour traits Rehearsal knows, each mapped onto {@link Behavior}'s knobs, and the resolution
 * of a persona into {@link Knobs}: personality first, then traits in the order listed here, then the
 * persona's own {@code behavior} object, which wins. A trait not in this table is reported as
 * {@code unknown_trait} with the nearest known one (see {@link #unknown(Persona)}).
 */
public final class Traits {

    /** A trait not in the table, with the known trait it most resembles. */
    public record Unknown(String trait, String nearest) {
        public String message() {
            return "unknown behavior trait '" + trait + "' is ignored by the offline engine"
                    + (nearest == null ? "" : " (did you mean '" + nearest + "'?)")
                    + "; set the behavior object for a custom habit";
        }
    }

    /** The languages the offline engine writes (BCP 47 primary subtags); LLM providers write any. */
    public static final java.util.Set<String> OFFLINE_LANGUAGES = java.util.Set.of("en", "es");

    /** Something about a persona the user should see: {@code code} is unknown_trait or offline_language. */
    public record Warning(String code, String pointer, String message) {
    }

    /**
     * Every warning about a persona: each unknown trait (with the nearest known one), and a language
     * the offline engine does not write.
     */
    public static List<Warning> warnings(Persona p) {
        List<Warning> out = new ArrayList<>();
        for (int i = 0; i < p.behaviorTraits().size(); i++) {
            String t = p.behaviorTraits().get(i);
            if (!TABLE.containsKey(t)) out.add(new Warning("unknown_trait", "/behavior_traits/" + i, new Unknown(t, nearest(t)).message()));
        }
        Knobs k = resolve(p);
        if (!OFFLINE_LANGUAGES.contains(k.primaryLanguage())) {
            out.add(new Warning("offline_language", p.behavior() != null && p.behavior().language() != null ? "/behavior/language" : "/behavior_traits",
                    "the offline engine writes English and Spanish only; " + p.name() + " (language '" + k.language()
                            + "') will answer in English offline; only LLM providers (--provider) reply in '" + k.language() + "'"));
        }
        return out;
    }

    /** What a trait does, in words (for docs and the trait table) and on the knobs. */
    public record Trait(String name, String effect, Consumer<Builder> apply) {
    }

    private static final Map<String, Trait> TABLE = new LinkedHashMap<>();

    static {
        add("responds_quickly", "SMS reply rate 0.92, median delay 5 min", b -> { b.sms = 0.92; b.median = 5; b.spread = 2; });
        add("responds_slowly", "median delay x2", b -> b.median *= 2);
        add("rarely_responds", "reply rate SMS 0.22 / email 0.08, median delay >= 20 h", b -> { b.sms = 0.22; b.email = 0.08; b.median = Math.max(b.median, 1200); b.spread = 2; b.style(Knobs.Style.BUSY); });
        add("busy_parent", "reply rate SMS 0.5 / email 0.15, median delay x3", b -> { b.sms = Math.min(b.sms, 0.5); b.email = Math.min(b.email, 0.15); b.median *= 3; });
        add("opts_out_of_marketing", "texts STOP at the first SMS, unsubscribes from email; opt-out sensitivity 1", b -> { b.alwaysOptsOut = true; b.unsubscribes = true; b.optOut = 1; b.style(Knobs.Style.COLD); });
        add("unsubscribes_from_email", "unsubscribes from marketing email", b -> b.unsubscribes = true);
        add("not_interested", "declines every offer; conversion ~2%", b -> { b.style(Knobs.Style.COLD); b.convert = 2; });
        add("ready_to_buy", "books when offered a way to; conversion >= 80%", b -> { b.style(Knobs.Style.EAGER); b.convert = Math.max(b.convert, 80); });
        add("books_meetings", "books the first slot offered", b -> b.style(Knobs.Style.EAGER));
        add("price_sensitive", "price sensitivity 0.9: asks the price, weighs value", b -> { b.price = 0.9; b.style(Knobs.Style.PRICE); });
        add("asks_for_discounts", "price sensitivity 0.9; asks for a discount", b -> { b.price = 0.9; b.style(Knobs.Style.PRICE); });
        add("compares_prices", "price sensitivity >= 0.8", b -> b.price = Math.max(b.price, 0.8));
        add("wants_technical_details", "asks what a technical person asks that kind of business", b -> b.style(Knobs.Style.TECH));
        add("asks_for_specs", "asks for specifications", b -> b.style(Knobs.Style.TECH));
        add("reads_documentation", "click rate 0.45", b -> b.click = 0.45);
        add("compares_competitors", "doubts the offer, compares it with alternatives", b -> b.style(Knobs.Style.SKEPTIC));
        add("asks_questions_before_buying", "asks before committing", b -> b.style(Knobs.Style.SKEPTIC));
        add("values_reviews", "wants proof; click rate 0.15", b -> { b.style(Knobs.Style.SKEPTIC); b.click = Math.max(b.click, 0.15); });
        add("asks_many_questions", "reply rate SMS 0.6 / email 0.3; long replies with questions", b -> { b.sms = 0.6; b.email = 0.3; b.style(Knobs.Style.CHATTY); });
        add("long_replies", "long replies", b -> b.style(Knobs.Style.CHATTY));
        add("shares_personal_stories", "tells a story in replies", b -> b.style(Knobs.Style.CHATTY));
        add("opens_emails", "open rate 0.7", b -> b.open = 0.7);
        add("skims_emails", "open rate 0.3", b -> b.open = 0.3);
        add("clicks_links", "click rate 0.45", b -> b.click = 0.45);
        add("ignores_texts", "SMS reply rate 0.05", b -> b.sms = 0.05);
        add("easily_annoyed", "opt-out sensitivity 0.6", b -> b.optOut = 0.6);
        add("speaks_spanish", "language es", b -> b.language = "es");
        add("replies_only_in_evening", "active hours 18:00-22:30", b -> { b.activeStart = LocalTime.of(18, 0); b.activeEnd = LocalTime.of(22, 30); });
        add("replies_during_business_hours", "active hours 09:00-17:00", b -> { b.activeStart = LocalTime.of(9, 0); b.activeEnd = LocalTime.of(17, 0); });
    }

    private Traits() {
    }

    private static void add(String name, String effect, Consumer<Builder> apply) {
        TABLE.put(name, new Trait(name, effect, apply));
    }

    public static List<Trait> known() {
        return List.copyOf(TABLE.values());
    }

    public static boolean isKnown(String trait) {
        return TABLE.containsKey(trait);
    }

    /** Every trait of the persona the table does not know, with its nearest known trait. */
    public static List<Unknown> unknown(Persona p) {
        List<Unknown> out = new ArrayList<>();
        for (String t : p.behaviorTraits()) if (!TABLE.containsKey(t)) out.add(new Unknown(t, nearest(t)));
        return out;
    }

    static String nearest(String t) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : TABLE.keySet()) {
            int d = distance(t, k);
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        // A name that shares little with any known trait has no honest suggestion.
        return bestD <= Math.max(3, t.length() / 2) ? best : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    /** Resolves a persona: personality, then traits, then its behavior object. */
    public static Knobs resolve(Persona p) {
        Builder b = new Builder();
        Persona.Personality pe = p.personality();
        String speed = pe == null || pe.decisionSpeed() == null ? "medium" : pe.decisionSpeed();
        // Custom personas start near published industry rates (docs/FIDELITY.md, "Cooperativeness").
        switch (speed) {
            case "fast" -> { b.median = 8; b.convert = 70; b.sms = 0.6; b.email = 0.15; }
            case "slow" -> { b.median = 450; b.convert = 25; b.sms = 0.35; b.email = 0.06; }
            case "never" -> { b.median = 10; b.convert = 2; b.sms = 0.1; b.email = 0.02; }
            default -> { b.median = 90; b.convert = 40; }
        }
        if (pe != null && "high".equals(pe.objectionLikelihood())) b.convert -= 8;
        if (pe != null && "skeptical".equals(pe.tone())) b.style(Knobs.Style.SKEPTIC);
        if (pe != null && "terse".equals(pe.responseLength())) b.terse = true;
        for (Trait t : TABLE.values()) if (p.hasTrait(t.name())) t.apply().accept(b);
        Behavior o = p.behavior();
        if (o != null) {
            if (o.language() != null) b.language = o.language();
            if (o.activeHours() != null) {
                b.activeStart = LocalTime.parse(o.activeHours().start());
                b.activeEnd = LocalTime.parse(o.activeHours().end());
            }
            if (o.replyRate() != null && o.replyRate().sms() != null) b.sms = o.replyRate().sms();
            if (o.replyRate() != null && o.replyRate().email() != null) b.email = o.replyRate().email();
            if (o.replyDelay() != null && o.replyDelay().median() != null) b.median = Durations.parse(o.replyDelay().median()).toSeconds() / 60.0;
            if (o.replyDelay() != null && o.replyDelay().spread() != null) b.spread = o.replyDelay().spread();
            if (o.openRate() != null) b.open = o.openRate();
            if (o.clickRate() != null) b.click = o.clickRate();
            if (o.optOutSensitivity() != null) b.optOut = o.optOutSensitivity();
            if (o.priceSensitivity() != null) {
                b.price = o.priceSensitivity();
                if (b.price >= 0.8 && b.style == null) b.style(Knobs.Style.PRICE);
            }
        }
        Knobs.Style style = b.style != null ? b.style : b.terse ? Knobs.Style.BUSY : Knobs.Style.PLAIN;
        return new Knobs(b.language, b.activeStart, b.activeEnd, b.sms, b.email, Math.max(1, b.median),
                Math.max(1, b.spread), b.open, b.click, b.optOut, b.price, style, b.alwaysOptsOut, b.unsubscribes,
                Math.max(1, b.convert));
    }

    /** Mutable knobs while traits apply; the first trait that sets a style keeps it. */
    static final class Builder {
        String language = "en";
        LocalTime activeStart, activeEnd;
        double sms = 0.4, email = 0.08, median = 90, spread = 2.5, open = 0.3, click = 0.12, optOut = 0.25, price = 0.4;
        Knobs.Style style;
        boolean alwaysOptsOut, unsubscribes, terse;
        int convert = 40;

        void style(Knobs.Style s) {
            if (style == null || s == Knobs.Style.COLD) style = s;
        }
    }
}
