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
    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([^{}|]*?)\\s*(?:\\|\\s*default\\s*:\\s*(?:\"([^\"]*)\"|'([^']*)')\\s*)?}}");
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
        if (template == null) return out;
        Matcher m = TOKEN.matcher(template);
        while (m.find()) {
            String field = m.group(1).trim();
            String fallback = m.group(2) != null ? m.group(2) : m.group(3);
            out.add(new Token(field, fallback, m.start(), m.end(), NAME.matcher(field).matches()));
        }
        return out;
    }

    /**
     * Fills each token from {@code lookup} (field name to value, null when unknown); an unknown or
     * empty value takes the fallback, or renders empty as a real CRM would.
     */
    public static String render(String template, Function<String, String> lookup) {
        if (template == null) return null;
        Matcher m = TOKEN.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String value = lookup.apply(m.group(1).trim());
            if (value == null || value.isEmpty()) {
                value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : "";
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        m.appendTail(b);
        return b.toString();
    }

    public static String render(String template, Map<String, String> values) {
        return render(template, values::get);
    }
}
