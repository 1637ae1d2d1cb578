package dev.rehearsal.engine.persona;

import java.time.LocalTime;

/**
 * A persona's behaviour resolved to numbers: personality first, then each known trait, then the
 * persona's own {@code behavior} object. What the offline engine runs on, and what the fidelity
 * benchmark's trait table checks. {@code style} is the voice replies are written in.
 */
public record Knobs(String language, LocalTime activeStart, LocalTime activeEnd, double smsReplyRate,
                    double emailReplyRate, double delayMedianMinutes, double delaySpread, double openRate,
                    double clickRate, double optOutSensitivity, double priceSensitivity, Style style,
                    boolean alwaysOptsOut, boolean unsubscribesFromEmail, int baseConvert) {

    /** The voice and the stance a persona answers with. */
    public enum Style { EAGER, SKEPTIC, BUSY, CHATTY, COLD, PRICE, TECH, PLAIN }

    /** True when the persona answers at any hour. */
    public boolean anyHour() {
        return activeStart == null || activeStart.equals(activeEnd);
    }

    /** True when a contact-local time falls inside the active window (which may wrap midnight). */
    public boolean active(LocalTime t) {
        if (anyHour()) return true;
        if (activeStart.isBefore(activeEnd)) return !t.isBefore(activeStart) && t.isBefore(activeEnd);
        return !t.isBefore(activeStart) || t.isBefore(activeEnd);
    }

    public boolean terse() {
        return style == Style.BUSY || style == Style.COLD;
    }

    /** The primary language subtag ("es" for "es-MX"). */
    public String primaryLanguage() {
        int dash = language.indexOf('-');
        return (dash < 0 ? language : language.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
    }
}
