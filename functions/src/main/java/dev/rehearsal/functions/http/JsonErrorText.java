package dev.rehearsal.functions.http;

import java.util.regex.Pattern;

/**
 * A JSON parser's message, kept to what the sender needs: where and what. The parser's hints name
 * its own classes and switches (feature flags, constraint getters, source descriptions); those go.
 */
final class JsonErrorText {
    private static final Pattern SOURCE = Pattern.compile(" ?(\\(start marker at )?\\[Source:[^\\]]*\\](; line: \\d+, column: \\d+)?\\]?\\)?");
    /** ", from `StreamReadConstraints.getMaxNestingDepth()`" and the like. */
    private static final Pattern FROM_CODE = Pattern.compile(",? ?(from|use|enable|disable|see) `[^`]*`[^)\\n]*");
    /** "(not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)" and the like. */
    private static final Pattern FEATURE_NOTE = Pattern.compile(" ?\\([^()]*(Feature|enabled?|parser)[^()]*\\)");
    /** Any remaining back-quoted code reference. */
    private static final Pattern CODE = Pattern.compile("`[A-Za-z_$][\\w$]*(\\.[\\w$()]+)+`");
    /** Qualified Java names (com.fasterxml..., java.lang...). */
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*");

    private JsonErrorText() {
    }

    static String of(String original) {
        if (original == null || original.isBlank()) return "unreadable JSON";
        String m = SOURCE.matcher(original).replaceAll("");
        m = FROM_CODE.matcher(m).replaceAll("");
        m = FEATURE_NOTE.matcher(m).replaceAll("");
        m = CODE.matcher(m).replaceAll("");
        m = QUALIFIED.matcher(m).replaceAll("");
        m = m.replace("()", "").replaceAll("\\(\\s*\\)", "").replaceAll("\\s+", " ").replaceAll(" ([,.;:)])", "$1").trim();
        if (m.endsWith(":")) m = m.substring(0, m.length() - 1);
        return m.isEmpty() ? "unreadable JSON" : m;
    }
}
