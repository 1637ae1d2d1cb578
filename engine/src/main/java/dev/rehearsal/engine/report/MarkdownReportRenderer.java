package dev.rehearsal.engine.report;

import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.workflow.Durations;

import java.time.Duration;

import java.util.List;

/** The report for people: a terminal-friendly Markdown document. */
public final class MarkdownReportRenderer {
    private MarkdownReportRenderer() {
    }

    public static String render(Report r, boolean withTranscripts) {
        StringBuilder b = new StringBuilder();
        b.append("# Rehearsal report: ").append(r.workflow().name()).append("\n\n");
        b.append("**").append(ReportBuilder.word(r.verdictOrPassed())).append("**  score **").append(r.score())
                .append("/100**  (seed ").append(r.run().seed()).append(", responder ").append(TextReportRenderer.responder(r.run()))
                .append(", start ").append(r.run().startAt()).append(" contact-local");
        if (r.run().walks() != null) b.append(", ").append(r.run().walks()).append(" walks per persona");
        b.append(")\n\n");
        if (r.run().warnings() != null) for (String w : r.run().warnings()) b.append("> **Warning:** ").append(w).append("\n\n");
        b.append(r.summary()).append("\n\n");
        var sb = r.scoreBreakdown();
        b.append("Score: 100 ").append(sb.issues()).append(" (findings) ").append(sb.expectations())
                .append(" (expectations) ").append(sb.coverage()).append(" (coverage)")
                .append(sb.criticalCap() ? ", capped at 40 by a critical finding" : "").append("\n\n");

        b.append("## Personas\n\n| persona | ended | goals | sent | replies | opted out | likely to convert | path |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Report.PersonaResult p : r.personas()) {
            b.append("| ").append(p.name()).append(" | ").append(p.endReason()).append(" | ")
                    .append(p.goals().isEmpty() ? "-" : String.join(", ", p.goals())).append(" | ")
                    .append(p.messagesSent()).append(" | ").append(p.replies()).append(" | ")
                    .append(p.optedOut() == null ? "-" : String.join(", ", p.optedOut())).append(" | ")
                    .append(p.likelyToConvert() == null ? "-" : p.likelyToConvert() + "%").append(" | ")
                    .append(String.join(" > ", p.path())).append(" |\n");
        }
        b.append('\n');
        paths(b, r);

        b.append("## Findings (").append(r.issues().size()).append(")\n\n");
        if (r.issues().isEmpty()) b.append("None.\n");
        for (Issue i : r.issues()) {
            b.append("- **").append(i.severity().wire().toUpperCase(java.util.Locale.ROOT)).append("** `").append(i.type()).append('`');
            if (i.stepId() != null) b.append(" at `").append(i.stepId()).append('`');
            b.append(": ").append(i.message());
            if (i.suggestion() != null) b.append("\n  Fix: ").append(i.suggestion());
            b.append('\n');
        }
        b.append('\n');

        if (!r.expectations().isEmpty()) {
            long passed = r.expectations().stream().filter(ExpectationResult::passed).count();
            b.append("## Expectations (").append(passed).append('/').append(r.expectations().size()).append(" passed)\n\n");
            for (ExpectationResult e : r.expectations()) {
                b.append("- ").append(e.verdictOrPassed().wire().toUpperCase(java.util.Locale.ROOT)).append(" ")
                        .append(e.persona()).append(": ").append(e.expectation());
                if (e.trials() != null && e.trials() > 1) b.append(" — ").append(rate(e));
                if (Boolean.TRUE.equals(e.intermittent())) b.append(", intermittent");
                if (e.reason() != null && !e.passed()) b.append(" — ").append(e.reason());
                b.append(" (").append(e.evidence()).append(")\n");
            }
            b.append('\n');
        }
        if (r.failureClusters() != null) {
            b.append("## Failure clusters\n\n");
            for (Report.FailureCluster f : r.failureClusters()) {
                b.append("- ").append(f.persona()).append(", ").append(f.walks()).append(" walk(s) (e.g. walk ")
                        .append(f.exampleWalk()).append("): failed ").append(String.join("; ", f.expectations()))
                        .append(" along ").append(String.join(" > ", f.path())).append('\n');
            }
            b.append('\n');
        }

        var c = r.coverage();
        b.append("## Branch coverage: ").append(c.covered()).append('/').append(c.transitions())
                .append(" transitions (").append(c.percent()).append("%), ").append(c.stepsVisited()).append('/')
                .append(c.stepsTotal()).append(" steps visited\n\n");
        if (c.statuses() == null) {
            for (String u : c.uncovered()) b.append("- not taken: `").append(u).append("`\n");
            if (!c.uncovered().isEmpty()) b.append('\n');
        } else {
            BranchStatusMarkdown.append(b, c);
        }

        b.append("## Conversion\n\nAverage likelihood to convert ").append(r.conversion().averageLikelihood())
                .append("%; ").append(r.conversion().goalsReached()).append(" of ").append(r.conversion().personas())
                .append(" personas reached a goal.\n\n");

        if (!r.recommendations().isEmpty()) {
            b.append("## Recommendations\n\n");
            List<String> recs = r.recommendations();
            for (int i = 0; i < recs.size(); i++) b.append(i + 1).append(". ").append(recs.get(i)).append('\n');
            b.append('\n');
        }
        if (r.usage() != null) {
            b.append("LLM usage: ").append(r.usage().calls()).append(" calls, ").append(r.usage().inputTokens())
                    .append(" input tokens (").append(r.usage().cachedInputTokens()).append(" cached), ")
                    .append(r.usage().outputTokens()).append(" output tokens.\n\n");
        }
        if (withTranscripts) {
            b.append("## Transcripts\n\n");
            for (Report.PersonaResult p : r.personas()) {
                b.append("### ").append(p.name()).append("\n\n");
                for (Interaction i : p.transcript()) {
                    b.append("- `").append(i.localTime()).append("` **").append(i.stepId()).append("** (")
                            .append(i.stepType()).append(")");
                    if (i.message() != null) {
                        b.append(" sent ").append(i.message().channel().wire()).append(": ");
                        if (i.message().subject() != null) b.append("[").append(i.message().subject()).append("] ");
                        b.append(oneLine(i.message().body()));
                    }
                    if (i.note() != null) b.append(" — ").append(i.note());
                    if (i.flags() != null) b.append(" ⚠ ").append(String.join(", ", i.flags()));
                    b.append('\n');
                    if (i.reply() != null && i.reply().replied()) {
                        Integer lat = i.reply().replyLatencyMinutes();
                        b.append("  - ").append(p.name()).append(" replied")
                                .append(lat == null ? "" : " " + Durations.format(Duration.ofMinutes(Math.max(1, lat))) + " later")
                                .append(" (").append(i.reply().intent().wire())
                                .append(", ").append(i.reply().sentiment().wire()).append("): \"")
                                .append(oneLine(i.reply().response())).append("\"\n");
                    } else if (i.reply() != null && !i.reply().actions().isEmpty()) {
                        b.append("  - ").append(p.name()).append(": ").append(i.reply().actions()).append('\n');
                    }
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** "18/30 walks pass (60%; 95% interval 42–75%)". */
    static String rate(ExpectationResult e) {
        StringBuilder b = new StringBuilder();
        b.append(e.passes()).append('/').append(e.trials()).append(" walks pass (").append(pct(e.passRate()));
        if (e.interval() != null) {
            b.append("; ").append(Math.round(e.interval().confidence() * 1000) / 10.0).append("% interval ")
                    .append(pct(e.interval().low())).append('–').append(pct(e.interval().high()));
        }
        if (e.excluded() != null) b.append("; ").append(e.excluded()).append(" walk(s) excluded");
        return b.append(')').toString();
    }

    private static String pct(Double x) {
        return x == null ? "-" : Math.round(x * 100) + "%";
    }

    private static void paths(StringBuilder b, Report r) {
        if (r.personas().stream().allMatch(p -> p.paths() == null)) return;
        b.append("## Paths over all walks\n\n");
        for (Report.PersonaResult p : r.personas()) {
            if (p.paths() == null) continue;
            b.append("- ").append(p.name()).append(" (goal in ").append(p.goalWalks()).append(" of ")
                    .append(p.walks()).append(" walks)");
            if (p.causes() != null && p.causes().size() > 1) b.append(", walks by cause ").append(p.causes());
            b.append('\n');
            for (Report.PathShare s : p.paths()) {
                b.append("  - ").append(Math.round(s.share() * 100)).append("% (").append(s.count()).append(", e.g. walk ")
                        .append(s.walk()).append(", ").append(s.endReason()).append("): ")
                        .append(String.join(" > ", s.path())).append('\n');
            }
            if (p.worstWalk() != null) {
                b.append("  - worst walk: ").append(p.worstWalk().walk()).append(", failed ")
                        .append(String.join("; ", p.worstWalk().failed())).append('\n');
            }
        }
        b.append('\n');
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }
}
