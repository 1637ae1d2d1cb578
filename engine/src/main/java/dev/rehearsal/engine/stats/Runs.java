package dev.rehearsal.engine.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How many walks each persona takes: a fixed number, or {@code auto} — walk in looks of 30, 60, 120,
 * 240 and 480 walks until every expectation is decided (docs/REPORT.md, "Stopping rule"). Each look
 * judges at confidence 1 − 0.05/5 (Bonferroni over the five planned looks), so the chance that any
 * look wrongly decides an expectation stays at most 5%, however early the run stops.
 */
public record Runs(Integer fixed) {
    /** Limits that keep a run's cost and memory bounded; exceeded limits are bad input (exit 2 / 400). */
    public static final int MAX_OFFLINE = 1000, MAX_LLM = 100, MAX_WALKS_PER_RUN = 25_000;
    public static final int[] AUTO_LOOKS = {30, 60, 120, 240, 480};
    public static final double ALPHA = 0.05;

    public static Runs auto() {
        return new Runs(null);
    }

    public static Runs of(int n) {
        return new Runs(n);
    }

    public boolean isAuto() {
        return fixed == null;
    }

    /** "auto" or a positive integer; anything else is bad input. */
    public static Runs parse(String text) {
        if (text == null) return null;
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) return auto();
        try {
            int n = Integer.parseInt(t);
            if (n >= 1) return of(n);
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("runs must be a positive whole number or \"auto\", not '" + text + "'");
    }

    /** The walk counts at which the verdicts are looked at, in order. */
    public List<Integer> looks() {
        if (!isAuto()) return List.of(fixed);
        List<Integer> out = new ArrayList<>();
        for (int n : AUTO_LOOKS) out.add(n);
        return out;
    }

    /**
     * The stopping rule, shared by the CLI's loop and the AWS run's NextLook step: after {@code walked}
     * walks per persona, the walks per persona of the next look, or 0 to stop — a fixed run stops at its
     * number, an auto run once no expectation is undecided or at the last look.
     */
    public int nextLook(int walked, boolean anyUndecided) {
        for (int n : looks()) {
            if (n > walked) return walked == 0 || (isAuto() && anyUndecided) ? n : 0;
        }
        return 0;
    }

    /** The confidence each look's intervals are computed at. */
    public double confidence() {
        return isAuto() ? 1 - ALPHA / AUTO_LOOKS.length : 1 - ALPHA;
    }

    /** The problem with these runs for this many personas, or null when they are allowed. */
    public String problem(int personas, boolean llm) {
        int max = isAuto() ? AUTO_LOOKS[AUTO_LOOKS.length - 1] : fixed;
        if (!isAuto() && llm && fixed > MAX_LLM) {
            return "runs " + fixed + " is more than the " + MAX_LLM + " walks per persona allowed with an LLM provider";
        }
        if (!isAuto() && fixed > MAX_OFFLINE) {
            return "runs " + fixed + " is more than the " + MAX_OFFLINE + " walks per persona allowed";
        }
        if ((long) max * personas > MAX_WALKS_PER_RUN) {
            return personas + " personas x " + max + " walks is more than the " + MAX_WALKS_PER_RUN + " walks allowed in one run";
        }
        return null;
    }

    @Override
    public String toString() {
        return isAuto() ? "auto" : Integer.toString(fixed);
    }
}
