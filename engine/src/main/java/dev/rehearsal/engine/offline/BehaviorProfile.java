package dev.rehearsal.engine.offline;

import dev.rehearsal.engine.persona.Persona;

/**
 * Numbers the offline engine derives from a persona's personality and behavior_traits, so that
 * custom personas behave sensibly too, not only the seven built-ins.
 */
record BehaviorProfile(double smsReplyChance, double emailReplyChance, int minLatency, int maxLatency,
                       double openChance, double clickChance, int baseConvert, boolean optsOut,
                       boolean unsubscribes, boolean notInterested, boolean readyToBuy, boolean priceSensitive,
                       boolean technical, boolean skeptical, boolean chatty, boolean busy, String length,
                       String objection) {

    static BehaviorProfile of(Persona p) {
        Persona.Personality pe = p.personality();
        String speed = pe == null ? "medium" : pe.decisionSpeed();
        String length = pe == null ? "short" : pe.responseLength();
        String objection = pe == null ? "medium" : pe.objectionLikelihood();
        boolean optsOut = p.hasTrait("opts_out_of_marketing");
        boolean unsub = optsOut || p.hasTrait("unsubscribes_from_email");
        boolean busy = p.hasTrait("rarely_responds");
        boolean chatty = p.hasTrait("asks_many_questions") || p.hasTrait("long_replies") || "long".equals(length);
        boolean quick = p.hasTrait("responds_quickly");
        double sms = busy ? 0.22 : chatty ? 0.9 : quick ? 0.92 : 0.7;
        double email = busy ? 0.08 : chatty ? 0.6 : 0.3;
        int min, max;
        switch (speed == null ? "medium" : speed) {
            case "fast" -> { min = 1; max = 15; }
            case "slow" -> { min = 180; max = 1200; }
            case "never" -> { min = 2; max = 45; }
            default -> { min = 30; max = 240; }
        }
        if (busy) { min = Math.max(min, 360); max = Math.max(max, 2400); }
        if (p.hasTrait("responds_slowly")) { min *= 2; max *= 2; }
        if (quick) { min = Math.min(min, 1); max = Math.min(max, 10); }
        double open = p.hasTrait("opens_emails") ? 0.9 : p.hasTrait("skims_emails") ? 0.45 : unsub ? 0.35 : 0.6;
        double click = p.hasTrait("clicks_links") || p.hasTrait("reads_documentation") ? 0.65
                : p.hasTrait("values_reviews") ? 0.35 : 0.15;
        int base = switch (speed == null ? "medium" : speed) {
            case "fast" -> 70;
            case "slow" -> 25;
            case "never" -> 2;
            default -> 40;
        };
        if (p.hasTrait("ready_to_buy")) base = Math.max(base, 80);
        if ("high".equals(objection)) base -= 8;
        return new BehaviorProfile(sms, email, min, max, open, click, Math.max(1, base), optsOut, unsub,
                p.hasTrait("not_interested"), p.hasTrait("ready_to_buy") || p.hasTrait("books_meetings"),
                p.hasTrait("price_sensitive") || p.hasTrait("asks_for_discounts"),
                p.hasTrait("wants_technical_details") || p.hasTrait("asks_for_specs"),
                p.hasTrait("compares_competitors") || p.hasTrait("asks_questions_before_buying")
                        || p.hasTrait("values_reviews") || "skeptical".equals(pe == null ? null : pe.tone()),
                chatty, busy, length == null ? "short" : length, objection == null ? "medium" : objection);
    }
}
