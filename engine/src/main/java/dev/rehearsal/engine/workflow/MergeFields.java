package dev.rehearsal.engine.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merge fields as CRMs write them: {@code {{contact.first_name | default: "there"}}}. One parser
 * serves both the renderer (simulation) and the validators (unknown fields, missing fallbacks).
 */
public final class MergeFields {
    static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([^{}|]*?)\\s*(?:\\|\\s*default\\s*:\\s*(?:\"([^\"]*)\"|'([^']*)')\\s*)?}}");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+", Pattern.CASE_INSENSITIVE);
    /** Contact fields every CRM record has; others are only known once a workflow sets them. */
    public static final List<String> STANDARD_CONTACT_FIELDS = List.of(
            "first_name", "last_name", "full_name", "email", "phone", "company", "city", "state", "country", "timezone");

    /** One {@code {{ }}} occurrence; {@code fallback} is null when none is given. */
    public record Token(String field, String fallback, int start, int end, boolean wellFormed) {
        public boolean hasFallback() {
            return fallback != null;
        }
    }

    private MergeFields() {
    }

    public static List<Token> tokens(String template) {
        List<Token> out = new ArrayList<>();
        if (template == null || !template.contains("{{")) return out;
        Matcher m = TOKEN.matcher(template);
        for (int at = 0; find(m, template, at); at = m.end()) {
            String field = m.group(1).trim();
            String fallback = m.group(2) != null ? m.group(2) : m.group(3);
            out.add(new Token(field, fallback, m.start(), m.end(), NAME.matcher(field).matches()));
        }
        return out;
    }

    /**
     * {@code m.find()} from {@code from}, tried only where "{{" occurs: every token starts there, and the pattern
     * looks neither behind nor past its match, so this finds the same tokens without the regex engine trying
     * every position of a long message.
     */
    private static boolean find(Matcher m, String template, int from) {
        for (int i = template.indexOf("{{", from); i >= 0; i = template.indexOf("{{", i + 1)) {
            if (m.region(i, template.length()).lookingAt()) return true;
        }
        return false;
    }

    /**
     * Fills each token from {@code lookup} (field name to value, null when unknown); an unknown or
     * empty value takes the fallback, or renders empty as a real CRM would.
     */
    public static String render(String template, Function<String, String> lookup) {
        if (template == null) return null;
        if (!template.contains("{{")) return template;
        Matcher m = TOKEN.matcher(template);
        StringBuilder b = null;
        int at = 0;
        while (find(m, template, at)) {
            String value = lookup.apply(m.group(1).trim());
            if (value == null || value.isEmpty()) {
                value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : "";
            }
            if (b == null) b = new StringBuilder(template.length() + 16);
            b.append(template, at, m.start()).append(value);
            at = m.end();
        }
        return b == null ? template : b.append(template, at, template.length()).toString();
    }

    /**
     * What a contact with no field set receives ({@code render(template, f -> null)}), from the template's
     * {@link #tokens}, so a caller that needs both scans the template once.
     */
    public static String renderFallbacks(String template, List<Token> tokens) {
        if (template == null) return null;
        if (tokens.isEmpty()) return template;
        StringBuilder b = new StringBuilder(template.length());
        int at = 0;
        for (Token t : tokens) {
            b.append(template, at, t.start());
            if (t.fallback() != null) b.append(t.fallback());
            at = t.end();
        }
        return b.append(template, at, template.length()).toString();
    }

    public static String render(String template, Map<String, String> values) {
        return render(template, values::get);
    }
}
