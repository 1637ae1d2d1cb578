package dev.rehearsal.engine.report;

import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.stats.Interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct paths of one persona's walks, most common first (ties: the earlier first walk), each
 * with its first walk as representative. The report shows the top path's walk in full and one
 * transcript per other path, never every walk's.
 */
record PathDistribution(List<Report.PathShare> shares, PersonaRun representative) {
    /** Distinct paths listed with a transcript; the rest are counted under their own path without one. */
    static final int MAX_TRANSCRIPTS = 12;

    static PathDistribution of(List<PersonaRun> walks) {
        Map<List<String>, List<PersonaRun>> groups = new LinkedHashMap<>();
        for (PersonaRun w : walks) groups.computeIfAbsent(w.path(), k -> new ArrayList<>()).add(w);
        List<List<PersonaRun>> sorted = new ArrayList<>(groups.values());
        sorted.sort((a, b) -> a.size() != b.size() ? Integer.compare(b.size(), a.size())
                : Integer.compare(a.get(0).walk(), b.get(0).walk()));
        List<Report.PathShare> shares = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            List<PersonaRun> g = sorted.get(i);
            PersonaRun first = g.get(0);
            // The top path's transcript is the persona's own transcript; don't repeat it.
            boolean withTranscript = i > 0 && i < MAX_TRANSCRIPTS;
            shares.add(new Report.PathShare(first.path(), g.size(), Interval.round((double) g.size() / walks.size()),
                    first.walk(), first.session().endReason.wire(), withTranscript ? first.interactions() : null));
        }
        return new PathDistribution(shares, sorted.get(0).get(0));
    }
}
