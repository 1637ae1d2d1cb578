package dev.rehearsal.importers;

import java.util.Locale;

/** Names of the source tools made into Rehearsal contact field names and step ids. */
public final class FieldNames {
    private FieldNames() {
    }

    /** A contact field name: lower case letters, digits and underscores, not starting with a digit, at most 64. */
    public static String field(String raw) {
        String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("_+", "_");
        if (s.isEmpty() || Character.isDigit(s.charAt(0))) s = "_" + s;
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    /** A step id: the workflow identifier alphabet, starting with a letter or digit, at most 120. */
    public static String stepId(String raw) {
        String s = raw.replaceAll("[^A-Za-z0-9_.:-]+", "_");
        if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0))) s = "s" + s;
        return s.length() > 120 ? s.substring(0, 120) : s;
    }
}
