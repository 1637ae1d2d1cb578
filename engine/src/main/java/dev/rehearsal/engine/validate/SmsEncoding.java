package dev.rehearsal.engine.validate;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * How an SMS body is encoded and billed. GSM-7 (3GPP TS 23.038 basic set; extension-table
 * characters take an escape, so 2 septets) fits 160 septets in one message, 153 per part once
 * concatenated. One character outside GSM-7 switches the whole message to UCS-2: 70 UTF-16 units,
 * 67 per part, and a surrogate pair (most emoji) takes 2 units. Parts never split an escape or pair.
 */
public final class SmsEncoding {
    public enum Encoding { GSM_7, UCS_2 }

    /** {@code units} are septets for GSM-7 and UTF-16 code units for UCS-2. */
    public record Analysis(Encoding encoding, int units, int segments, Set<String> nonGsm) {
    }

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "^{}\\[~]|€\f";
    private static final boolean[] BASIC_ASCII = new boolean[128];

    static {
        for (char c : BASIC.toCharArray()) if (c < 128) BASIC_ASCII[c] = true;
    }

    /** Common look-alikes that word processors and phones insert, with the GSM-7 text to use instead. */
    public static final Map<String, String> REPLACEMENTS = Map.ofEntries(
            Map.entry("’", "'"), Map.entry("‘", "'"), Map.entry("“", "\""), Map.entry("”", "\""),
            Map.entry("—", "-"), Map.entry("–", "-"), Map.entry("…", "..."), Map.entry("\u00A0", " "),
            Map.entry("•", "-"), Map.entry("ç", "Ç or c"), Map.entry("á", "a"), Map.entry("í", "i"),
            Map.entry("ó", "o"), Map.entry("ú", "u"), Map.entry("ê", "e"), Map.entry("™", "(TM)"),
            Map.entry("©", "(c)"), Map.entry("®", "(R)"), Map.entry("`", "'"), Map.entry("´", "'"));

    public static final int GSM_SINGLE = 160, GSM_PART = 153, UCS2_SINGLE = 70, UCS2_PART = 67;

    private SmsEncoding() {
    }

    static int septets(int codePoint) {
        if (codePoint < 128 && BASIC_ASCII[codePoint]) return 1;
        if (codePoint < 0x10000) {
            char c = (char) codePoint;
            if (EXTENSION.indexOf(c) >= 0) return 2;
            if (BASIC.indexOf(c) >= 0) return 1;
        }
        return -1;
    }

    public static Analysis analyse(String body) {
        String s = body == null ? "" : body;
        Set<String> nonGsm = new LinkedHashSet<>();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (septets(cp) < 0) nonGsm.add(new String(Character.toChars(cp)));
            i += Character.charCount(cp);
        }
        boolean gsm = nonGsm.isEmpty();
        int single = gsm ? GSM_SINGLE : UCS2_SINGLE, part = gsm ? GSM_PART : UCS2_PART;
        int units = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            units += gsm ? septets(cp) : Character.charCount(cp);
            i += Character.charCount(cp);
        }
        int segments;
        if (units == 0) segments = 0;
        else if (units <= single) segments = 1;
        else {
            // Pack greedily: an escape pair or surrogate pair that does not fit starts a new part.
            segments = 1;
            int used = 0;
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                int cost = gsm ? septets(cp) : Character.charCount(cp);
                if (used + cost > part) {
                    segments++;
                    used = 0;
                }
                used += cost;
                i += Character.charCount(cp);
            }
        }
        return new Analysis(gsm ? Encoding.GSM_7 : Encoding.UCS_2, units, segments, nonGsm);
    }

    /** "’ -> ', 😀 -> (remove)" for the characters given. */
    public static String suggestReplacements(Set<String> chars) {
        StringBuilder b = new StringBuilder();
        for (String c : chars) {
            if (b.length() > 0) b.append(", ");
            b.append(printable(c)).append(" -> ").append(REPLACEMENTS.getOrDefault(c, "(remove)"));
        }
        return b.toString();
    }

    /** Invisible characters named by code point so a marketer can find them. */
    static String printable(String c) {
        int cp = c.codePointAt(0);
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.FORMAT
                || Character.isISOControl(cp)) {
            return String.format(java.util.Locale.ROOT, "U+%04X", cp);
        }
        return c;
    }
}
