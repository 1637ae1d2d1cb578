package dev.rehearsal.engine.report;

import dev.rehearsal.engine.expect.ExpectationResult;
import dev.rehearsal.engine.stats.Verdict;
import dev.rehearsal.engine.validate.Issue;

import java.util.List;

/**
 * JUnit XML for CI dashboards: a testcase per persona × expectation and one per error-level
 * finding (which always fails), so a broken workflow shows up as red tests. A failed expectation is a
 * {@code <failure>}; an undecided or inconclusive one an {@code <error>} with the reason (the walks
 * could not judge it); an intermittent one says so in its name.
 */
public final class JUnitXmlRenderer {
    private JUnitXmlRenderer() {
    }

    public static String render(Report r) {
        List<ExpectationResult> exp = r.expectations();
        List<Issue> severe = r.issues().stream().filter(i -> i.failsRun()).toList();
        int tests = exp.size() + severe.size() + 1 + (r.coverage().statuses() == null ? 0 : r.coverage().statuses().size());
        long failures = exp.stream().filter(e -> e.verdictOrPassed() == Verdict.FAIL).count() + severe.size();
        long errors = exp.stream().filter(e -> e.verdictOrPassed() == Verdict.UNDECIDED
                || e.verdictOrPassed() == Verdict.INCONCLUSIVE).count();
        String suite = "rehearsal." + safe(r.workflow().id());
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuites name=\"rehearsal\" tests=\"").append(tests).append("\" failures=\"").append(failures)
                .append("\" errors=\"").append(errors).append("\">\n");
        long skipped = r.coverage().count(TransitionStatus.Status.UNREACHABLE) + r.coverage().count(TransitionStatus.Status.UNKNOWN);
        b.append("  <testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(tests)
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors).append("\" skipped=\"")
                .append(skipped).append("\">\n");
        b.append("    <properties>\n      <property name=\"score\" value=\"").append(r.score()).append("\"/>\n")
                .append("      <property name=\"seed\" value=\"").append(r.run().seed()).append("\"/>\n")
                .append("      <property name=\"responder\" value=\"").append(esc(r.run().responder())).append("\"/>\n")
                .append("      <property name=\"verdict\" value=\"").append(r.verdictOrPassed().wire()).append("\"/>\n")
                .append(r.run().walks() == null ? "" : "      <property name=\"walks\" value=\"" + r.run().walks() + "\"/>\n")
                .append("    </properties>\n");
        b.append("    <testcase classname=\"").append(esc(suite)).append(".validation\" name=\"workflow has no error-level findings\"");
        if (severe.isEmpty()) b.append("/>\n");
        else b.append(">\n      <failure message=\"").append(severe.size()).append(" error-level finding(s)\"/>\n    </testcase>\n");
        for (ExpectationResult e : exp) {
            String name = e.expectation() + (Boolean.TRUE.equals(e.intermittent()) ? " [intermittent: " + e.passes() + "/"
                    + e.trials() + " walks pass]" : "");
            b.append("    <testcase classname=\"").append(esc(suite + "." + e.persona())).append("\" name=\"")
                    .append(esc(name)).append('"');
            Verdict v = e.verdictOrPassed();
            if (v == Verdict.PASS) b.append("/>\n");
            else if (v == Verdict.FAIL) b.append(">\n      <failure message=\"").append(esc(e.evidence())).append("\"/>\n    </testcase>\n");
            else b.append(">\n      <error type=\"").append(v.wire()).append("\" message=\"").append(esc(e.reason()))
                    .append("\">").append(esc(e.evidence())).append("</error>\n    </testcase>\n");
        }
        for (Issue i : severe) {
            String who = i.persona() == null ? "workflow" : i.persona();
            b.append("    <testcase classname=\"").append(esc(suite + ".findings." + who)).append("\" name=\"")
                    .append(esc(i.type() + (i.stepId() == null ? "" : " at " + i.stepId()))).append("\">\n")
                    .append("      <failure type=\"").append(i.severity().wire()).append("\" message=\"")
                    .append(esc(i.message())).append("\">").append(esc(i.suggestion() == null ? "" : i.suggestion()))
                    .append("</failure>\n    </testcase>\n");
        }
        branches(b, suite, r.coverage());
        b.append("  </testsuite>\n</testsuites>\n");
        return b.toString();
    }

    /**
     * One testcase per transition: covered and witnessed pass, unreachable is skipped with its reason,
     * unknown is skipped with the budget (neither is a failure of the workflow by itself).
     */
    private static void branches(StringBuilder b, String suite, Report.Coverage c) {
        if (c.statuses() == null) return;
        for (TransitionStatus t : c.statuses()) {
            b.append("    <testcase classname=\"").append(esc(suite + ".branches")).append("\" name=\"").append(esc(t.transition())).append('"');
            switch (t.status()) {
                case COVERED -> b.append("><system-out>covered by ").append(t.walks()).append(" walk(s)</system-out></testcase>\n");
                case WITNESSED -> b.append("><system-out>").append(esc("witnessed by a scripted lead: " + String.join("; ", t.witness().script())))
                        .append("</system-out></testcase>\n");
                case UNREACHABLE, UNKNOWN -> b.append(">\n      <skipped message=\"").append(esc(t.status().wire() + ": " + t.reason()))
                        .append("\"/>\n    </testcase>\n");
            }
        }
    }

    private static String safe(String s) {
        return s == null ? "workflow" : s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r') b.append(' ');
                    else b.append(ch);
                }
            }
        }
        return b.toString();
    }
}
