package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Workflow;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pressure phrases ("today only", "last chance", "act now", "expires tonight"; Spanish "solo hoy",
 * "última oportunidad", ...) as their own finding: invented deadlines push leads, and regulators
 * and carriers read them as a mark of deceptive marketing, whatever the spam score says.
 */
final class UrgencyRules {
    /** Lower-case, accent-free phrases; matched on word boundaries. */
    static final List<String> EN = List.of("today only", "last chance", "act now", "expires tonight", "expires today",
            "ends tonight", "ends today", "hurry", "don't miss out", "dont miss out", "before it's too late", "limited time",
            "final notice", "only a few left", "while supplies last", "now or never");
    static final List<String> ES = List.of("solo hoy", "ultima oportunidad", "actua ahora", "actue ahora", "vence hoy",
            "termina hoy", "termina esta noche", "no te lo pierdas", "por tiempo limitado", "date prisa", "apurate",
            "ultimo aviso", "ahora o nunca");

    private UrgencyRules() {
    }

    /** Reports the {@link #phrases} found in the step's text. */
    static void check(Workflow w, Step s, List<String> found, List<Issue> out) {
        if (found.isEmpty()) return;
        out.add(Issue.of(Severity.WARNING, "urgency_pressure", s.id(), w.pointerOf(s.id()) + "/config/body",
                s.type().wireName() + " '" + s.id() + "' pressures the lead with " + String.join(", ", found.stream().map(p -> "\"" + p + "\"").toList())
                        + ": invented deadlines erode trust and read as deceptive marketing",
                "State the real offer and its real end date (\"The 10% discount ends March 31.\"), or drop the deadline."));
    }

    static List<String> phrases(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) return out;
        String t = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        // Accents only matter for Spanish; plain-ASCII text (most messages) skips the normaliser.
        if (!ascii(t)) t = Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        boolean[] found = new boolean[PHRASES.size()];
        // One pass: at each word start, only the phrases beginning with that letter are compared.
        for (int i = 0, n = t.length(); i < n; i++) {
            char c = t.charAt(i);
            if (c >= 128 || BY_FIRST[c] == null || i > 0 && Character.isLetterOrDigit(t.charAt(i - 1))) continue;
            for (int k : BY_FIRST[c]) {
                String p = PHRASES.get(k);
                int end = i + p.length();
                if (!found[k] && t.startsWith(p, i) && (end >= n || !Character.isLetterOrDigit(t.charAt(end)))) found[k] = true;
            }
        }
        for (int k = 0; k < found.length; k++) if (found[k]) out.add(PHRASES.get(k));
        return out;
    }

    /** English then Spanish, the order findings list them. */
    private static final List<String> PHRASES = java.util.stream.Stream.concat(EN.stream(), ES.stream()).toList();
    /** Indexes into {@link #PHRASES} by first character (every phrase starts with an ASCII letter). */
    private static final int[][] BY_FIRST = new int[128][];

    static {
        for (int k = 0; k < PHRASES.size(); k++) {
            char c = PHRASES.get(k).charAt(0);
            int[] old = BY_FIRST[c] == null ? new int[0] : BY_FIRST[c];
            int[] grown = java.util.Arrays.copyOf(old, old.length + 1);
            grown[old.length] = k;
            BY_FIRST[c] = grown;
        }
    }

    private static boolean ascii(String t) {
        for (int i = 0; i < t.length(); i++) if (t.charAt(i) >= 128) return false;
        return true;
    }
}
