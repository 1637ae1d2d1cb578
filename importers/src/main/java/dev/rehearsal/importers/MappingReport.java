package dev.rehearsal.importers;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every element of a source export and what became of it, in source order. */
public record MappingReport(String format, List<Mapping> entries) {
    public MappingReport {
        entries = List.copyOf(entries);
    }

    public Map<Mapping.Outcome, Integer> counts() {
        Map<Mapping.Outcome, Integer> out = new EnumMap<>(Mapping.Outcome.class);
        for (Mapping.Outcome o : Mapping.Outcome.values()) out.put(o, 0);
        for (Mapping m : entries) out.merge(m.outcome(), 1, Integer::sum);
        return out;
    }

    /** The report as people read it: a summary line, then one line per element. */
    public void print(PrintWriter out) {
        Map<Mapping.Outcome, Integer> c = counts();
        out.println("Mapping (" + format + "): " + entries.size() + " element(s): " + c.get(Mapping.Outcome.MAPPED)
                + " mapped, " + c.get(Mapping.Outcome.APPROXIMATED) + " approximated, "
                + c.get(Mapping.Outcome.UNSUPPORTED) + " unsupported");
        for (Mapping m : entries) {
            out.println("  " + String.format(Locale.ROOT, "%-12s", m.outcome().name().toLowerCase(Locale.ROOT)) + " "
                    + (m.pointer().isEmpty() ? "(document)" : m.pointer()) + "  " + m.element()
                    + (m.steps().isEmpty() ? "" : " -> " + String.join(", ", m.steps()))
                    + (m.note() == null ? "" : "\n               " + m.note()));
        }
        out.flush();
    }
}
