package dev.rehearsal.html;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.rehearsal.engine.workflow.Workflow;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * CPU time of rendering the HTML report for generated workflows of growing size, first render in this JVM and
 * the median of the next five. Run (docs/REPORT.md):
 * {@code mvn -q -pl engine,report-html -am test-compile && mvn -q -pl report-html exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.rehearsal.html.LayoutBenchmark}
 */
public final class LayoutBenchmark {
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.println("| shape | steps | first render (ms CPU) | warm median (ms CPU) |");
        System.out.println("|---|---|---|---|");
        for (String shape : new String[]{"ladder", "shared end"}) for (int steps : new int[]{20, 100, 200, 400}) {
            Workflow wf = shape.equals("ladder") ? GraphLayoutTest.ladder(steps) : GraphLayoutTest.sharedEnd(steps);
            long t0 = cpu.getCurrentThreadCpuTime();
            HtmlReportRenderer.render(JsonNodeFactory.instance.objectNode(), wf);
            long first = cpu.getCurrentThreadCpuTime() - t0;
            long[] warm = new long[5];
            for (int i = 0; i < warm.length; i++) {
                long s = cpu.getCurrentThreadCpuTime();
                HtmlReportRenderer.render(JsonNodeFactory.instance.objectNode(), wf);
                warm[i] = cpu.getCurrentThreadCpuTime() - s;
            }
            Arrays.sort(warm);
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f |%n", shape, steps, first / 1e6, warm[2] / 1e6);
        }
    }
}
