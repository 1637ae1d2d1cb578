package dev.rehearsal.engine.report;

import dev.rehearsal.engine.sim.Interaction;

/** The Markdown lines for transitions no persona walk took: witnessed (with the script), unreachable, unknown. */
final class BranchStatusMarkdown {
    private BranchStatusMarkdown() {
    }

    static void append(StringBuilder b, Report.Coverage c) {
        b.append("Not taken by any persona walk: ").append(c.count(TransitionStatus.Status.WITNESSED)).append(" witnessed by a scripted lead, ")
                .append(c.count(TransitionStatus.Status.UNREACHABLE)).append(" unreachable, ")
                .append(c.count(TransitionStatus.Status.UNKNOWN)).append(" unknown.\n\n");
        boolean any = false;
        for (TransitionStatus t : c.statuses()) {
            switch (t.status()) {
                case COVERED -> { continue; }
                case WITNESSED -> {
                    b.append("- witnessed (scripted, not simulated): `").append(t.transition()).append("`: ")
                            .append(String.join("; ", t.witness().script())).append('\n');
                    for (Interaction i : t.witness().transcript()) {
                        b.append("  - ").append(i.localTime()).append(" `").append(i.stepId()).append('`');
                        if (i.message() != null) b.append(" sends ").append(i.message().channel().wire());
                        if (i.reply() != null && i.reply().replied()) b.append(", lead replies \"").append(i.reply().response()).append('"');
                        if (i.transition() != null) b.append(" → ").append(i.transition());
                        b.append('\n');
                    }
                }
                case UNREACHABLE -> b.append("- unreachable: `").append(t.transition()).append("`: ").append(t.reason()).append('\n');
                case UNKNOWN -> b.append("- unknown: `").append(t.transition()).append("`: ").append(t.reason()).append('\n');
            }
            any = true;
        }
        if (any) b.append('\n');
    }
}
