package dev.rehearsal.providers.prompt;

import dev.rehearsal.engine.llm.Turn;

import java.util.List;

/**
 * Compresses turns that fell out of the window into one compact line each, by code, so the same
 * history always yields the same summary (replay keys stay stable) and a step's cost stays bounded.
 */
public final class TurnSummarizer {
    static final int WORDS = 10;

    private TurnSummarizer() {
    }

    public static String summarize(List<Turn> older) {
        StringBuilder b = new StringBuilder("Earlier in this conversation (oldest first):");
        for (Turn t : older) b.append('\n').append(line(t));
        return b.toString();
    }

    static String line(Turn t) {
        String who = t.fromLead() ? "you" : "them " + t.channel().wire();
        String text = t.subject() != null && !t.subject().isBlank() && !t.fromLead() ? t.subject() : t.text();
        return "- " + who + ": " + firstWords(text, WORDS);
    }

    static String firstWords(String text, int n) {
        if (text == null) return "";
        String[] words = text.strip().split("\\s+");
        if (words.length <= n) return String.join(" ", words);
        return String.join(" ", java.util.Arrays.copyOf(words, n)) + "…";
    }
}
