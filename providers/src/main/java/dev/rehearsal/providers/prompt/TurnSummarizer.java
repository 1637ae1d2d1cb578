package dev.rehearsal.providers.prompt;

import dev.rehearsal.engine.llm.Turn;

import java.util.List;

/**
 * Compresses turns that fell out of the window into one compact line each, by code, so the same
 * history always yields the same summary (replay keys and prompt caches stay valid) and a step's
 * cost stays bounded.
 */
public final class TurnSummarizer {
    static final int WORDS = 8;

    private TurnSummarizer() {
    }

    public static String summarize(List<Turn> older) {
        StringBuilder b = new StringBuilder("Earlier, oldest first (you = your replies):");
        for (Turn t : older) b.append('\n').append(line(t));
        return b.toString();
    }

    static String line(Turn t) {
        if (t.fromLead()) return "- you: " + firstWords(t.text(), WORDS);
        boolean hasSubject = t.subject() != null && !t.subject().isBlank();
        return "- " + t.channel().wire() + ": " + firstWords(hasSubject ? t.subject() : t.text(), WORDS);
    }

    static String firstWords(String text, int n) {
        if (text == null) return "";
        String[] words = text.strip().split("\\s+");
        if (words.length <= n) return String.join(" ", words);
        return String.join(" ", java.util.Arrays.copyOf(words, n)) + "…";
    }
}
