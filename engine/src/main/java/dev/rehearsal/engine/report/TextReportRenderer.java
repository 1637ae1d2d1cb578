package dev.rehearsal.engine.report;

import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.workflow.Durations;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The report for a terminal: plain text with indented sections and no markup ({@link MarkdownReportRenderer}
 * writes the same content as Markdown for files and pull requests).
 */
public final class TextReportRenderer {
    private static final int WIDTH = 100;

    private TextReportRenderer() {
    }

    /** The responder with its model version and prompt version where the run used an LLM. */
    static String responder(Report.RunInfo run) {
        return run.responderInfo() != null ? run.responderInfo().label() : run.responder();
    }

    public static String render(Report r, boolean withTranscripts) {
        StringBuilder b = new StringBuilder();
        b.append("Rehearsal report: ").append(r.workflow().name()).append('\n');
        wrap(b, ReportBuilder.word(r.verdictOrPassed()) + "  score " + r.score() + "/100  (seed " + r.run().seed()
                + ", responder " + responder(r.run()) + ", start " + r.run().startAt() + " contact-local"
                + (r.run().walks() == null ? "" : ", " + r.run().walks() + " walks per persona") + ")", "", "  ");
        b.append('\n');
        if (r.run().warnings() != null) for (String w : r.run().warnings()) wrap(b, "Warning: " + w, "", "  ");
        wrap(b, r.summary(), "", "");
        b.append('\n');
        var sb = r.scoreBreakdown();
        b.append("Score: 100 ").append(sb.issues()).append(" (findings) ").append(sb.expectations()).append(" (expectations) ")
                .append(sb.coverage()).append(" (coverage)").append(sb.criticalCap() ? ", capped at 40 by a critical finding" : "")
                .append("\n\n");

        b.append("PERSONAS\n");
        int nameWidth = r.personas().stream().mapToInt(p -> p.name().length()).max().orElse(0);
        for (Report.PersonaResult p : r.personas()) {
            b.append("  ").append(pad(p.name(), nameWidth)).append("  ended ").append(p.endReason())
                    .append(p.goals().isEmpty() ? "" : ", goal " + String.join(", ", p.goals()))
                    .append(", ").append(p.messagesSent()).append(" sent, ").append(p.replies()).append(" repl")
                    .append(p.replies() == 1 ? "y" : "ies")
                    .append(p.optedOut() == null ? "" : ", opted out of " + String.join(", ", p.optedOut()))
                    .append(p.likelyToConvert() == null ? "" : ", likely to convert " + p.likelyToConvert() + "%").append('\n');
            String indent = "  " + " ".repeat(nameWidth) + "  ";
            if (p.paths() == null) {
                wrap(b, "path: " + String.join(" > ", p.path()), indent, indent + "      ");
                continue;
            }
            wrap(b, "goal in " + p.goalWalks() + " of " + p.walks() + " walks" + (p.causes() != null && p.causes().size() > 1
                    ? ", walks by cause " + p.causes() : ""), indent, indent + "  ");
            for (Report.PathShare s : p.paths()) {
                wrap(b, Math.round(s.share() * 100) + "% (" + s.count() + ", e.g. walk " + s.walk() + ", " + s.endReason() + "): "
                        + String.join(" > ", s.path()), indent, indent + "      ");
            }
            if (p.worstWalk() != null) {
                wrap(b, "worst walk " + p.worstWalk().walk() + ": failed " + String.join("; ", p.worstWalk().failed()),
                        indent, indent + "      ");
            }
        }
        b.append('\n');

        b.append("FINDINGS (").append(r.issues().size()).append(")\n");
        if (r.issues().isEmpty()) b.append("  none\n");
        for (Issue i : r.issues()) {
            String head = i.severity().wire().toUpperCase(Locale.ROOT) + " " + i.type() + (i.stepId() == null ? "" : " at " + i.stepId()) + ": ";
            wrap(b, head + i.message(), "  ", "      ");
            if (i.suggestion() != null) wrap(b, "fix: " + i.suggestion(), "      ", "           ");
        }
        b.append('\n');

        if (!r.expectations().isEmpty()) {
            long passed = r.expectations().stream().filter(ExpectationResult::passed).count();
            b.append("EXPECTATIONS (").append(passed).append(" of ").append(r.expectations().size()).append(" passed)\n");
            for (ExpectationResult e : r.expectations()) {
                String v = e.verdictOrPassed() == dev.rehearsal.engine.stats.Verdict.PASS ? "pass"
                        : e.verdictOrPassed().wire().toUpperCase(Locale.ROOT);
                String rate = e.trials() != null && e.trials() > 1 ? " - " + MarkdownReportRenderer.rate(e)
                        + (Boolean.TRUE.equals(e.intermittent()) ? ", intermittent" : "") : "";
                String why = e.reason() != null && !e.passed() ? " - " + e.reason() : "";
                wrap(b, v + " " + e.persona() + ": " + e.expectation() + rate + why + " (" + e.evidence() + ")", "  ", "       ");
            }
            b.append('\n');
        }

        var c = r.coverage();
        b.append("BRANCH COVERAGE  ").append(c.covered()).append(" of ").append(c.transitions()).append(" transitions (")
                .append(c.percent()).append("%), ").append(c.stepsVisited()).append(" of ").append(c.stepsTotal()).append(" steps visited\n");
        for (String u : c.uncovered()) b.append("  not taken: ").append(u).append('\n');
        b.append('\n');

        b.append("CONVERSION  average likelihood ").append(r.conversion().averageLikelihood()).append("%, ")
                .append(r.conversion().goalsReached()).append(" of ").append(r.conversion().personas()).append(" personas reached a goal\n\n");

        if (!r.recommendations().isEmpty()) {
            b.append("RECOMMENDATIONS\n");
            List<String> recs = r.recommendations();
            for (int i = 0; i < recs.size(); i++) wrap(b, (i + 1) + ". " + recs.get(i), "  ", "     ");
            b.append('\n');
        }
        if (r.usage() != null) {
            b.append("LLM usage: ").append(r.usage().calls()).append(" calls, ").append(r.usage().inputTokens())
                    .append(" input tokens (").append(r.usage().cachedInputTokens()).append(" cached), ")
                    .append(r.usage().outputTokens()).append(" output tokens\n\n");
        }
        if (withTranscripts) transcripts(b, r);
        return b.toString();
    }

    private static void transcripts(StringBuilder b, Report r) {
        b.append("TRANSCRIPTS\n");
        for (Report.PersonaResult p : r.personas()) {
            b.append("  ").append(p.name()).append('\n');
            for (Interaction i : p.transcript()) {
                StringBuilder line = new StringBuilder(i.localTime()).append("  ").append(i.stepId()).append(" (").append(i.stepType()).append(')');
                if (i.message() != null) {
                    line.append(" sent ").append(i.message().channel().wire()).append(": ");
                    if (i.message().subject() != null) line.append('[').append(i.message().subject()).append("] ");
                    line.append(oneLine(i.message().body()));
                }
                if (i.note() != null) line.append(" - ").append(i.note());
                if (i.flags() != null) line.append("  ! ").append(String.join(", ", i.flags()));
                wrap(b, line.toString(), "    ", "      ");
                if (i.reply() != null && i.reply().replied()) {
                    Integer lat = i.reply().replyLatencyMinutes();
                    wrap(b, p.name() + " replied" + (lat == null ? "" : " " + Durations.format(Duration.ofMinutes(Math.max(1, lat))) + " later")
                            + " (" + i.reply().intent().wire() + ", " + i.reply().sentiment().wire() + "): \""
                            + oneLine(i.reply().response()) + "\"", "      > ", "        ");
                }
            }
            b.append('\n');
        }
    }

    /** Word-wraps {@code text} to the terminal width, the first line after {@code first}, the rest after {@code rest}. */
    static void wrap(StringBuilder b, String text, String first, String rest) {
        String prefix = first;
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && prefix.length() + line.length() + 1 + word.length() > WIDTH) {
                b.append(prefix).append(line).append('\n');
                line.setLength(0);
                prefix = rest;
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        b.append(prefix).append(line).append('\n');
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replaceAll("\\s+", " ").trim();
        return t.length() > 160 ? t.substring(0, 157) + "..." : t;
    }
}
