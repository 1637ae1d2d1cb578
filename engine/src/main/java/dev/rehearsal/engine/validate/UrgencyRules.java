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

    static void check(Workflow w, Step s, String text, List<Issue> out) {
        List<String> found = phrases(text);
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
        if (!t.chars().allMatch(c -> c < 128)) t = Normalizer.normalize(t, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        for (List<String> lang : List.of(EN, ES)) {
            for (String p : lang) if (containsWords(t, p)) out.add(p);
        }
        return out;
    }

    private static boolean containsWords(String text, String phrase) {
        for (int i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) {
            boolean before = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            int end = i + phrase.length();
            boolean after = end >= text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (before && after) return true;
        }
        return false;
    }
}
