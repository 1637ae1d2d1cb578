package dev.rehearsal.local.asl;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every recorded AWS case in shared/asl-conformance. Pure cases without flags must all pass;
 * the others are run and reported but never fail the build.
 */
class AslConformanceTest {
    static final int PURE_CLEAN_CASES = 838;

    private final Map<String, List<String>> failures = new ConcurrentHashMap<>();
    private final Map<ConformanceCase.Kind, int[]> tally = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> conformance() throws IOException {
        Path dir = ConformanceFolder.locate();
        if (dir == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("shared/asl-conformance not found (set -Dasl.conformance.dir); required when CI=true");
            }
            // A skipped dynamic test (rather than an aborted factory) so the skip and its reason show in reports.
            return Stream.of(DynamicTest.dynamicTest("conformance folder", () -> Assumptions.abort(
                    "shared/asl-conformance not found beside the repository; set -Dasl.conformance.dir to run it")));
        }
        List<ConformanceCase> cases = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir, 2)) {
            files.filter(p -> p.toString().endsWith(".json") && !p.getParent().equals(dir))
                    .sorted().forEach(p -> cases.add(ConformanceCase.load(p)));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (ConformanceCase c : cases) {
            tests.add(DynamicTest.dynamicTest(c.kind() + " " + c.id(), () -> check(c)));
        }
        tests.add(DynamicTest.dynamicTest("summary", this::summary));
        return tests.stream();
    }

    private void check(ConformanceCase c) {
        List<String> problems;
        try {
            problems = CaseRunner.run(c);
        } catch (Exception | AssertionError e) {
            problems = List.of("threw " + e);
        }
        int[] t = tally.computeIfAbsent(c.kind(), k -> new int[2]);
        synchronized (t) {
            t[1]++;
            if (problems.isEmpty()) t[0]++;
        }
        if (!problems.isEmpty()) {
            failures.put(c.kind() + " " + c.id(), problems);
            if (c.kind() == ConformanceCase.Kind.PURE_CLEAN) fail(String.join("\n", problems));
        }
    }

    private void summary() {
        StringBuilder sb = new StringBuilder("ASL conformance:\n");
        for (ConformanceCase.Kind k : ConformanceCase.Kind.values()) {
            int[] t = tally.getOrDefault(k, new int[2]);
            sb.append(String.format("  %-11s %d/%d passed%n", k, t[0], t[1]));
        }
        new TreeMap<>(failures).forEach((id, p) -> {
            if (!id.startsWith("PURE_CLEAN")) sb.append("  not passing: ").append(id).append(" -- ")
                    .append(p.get(0).lines().findFirst().orElse("")).append('\n');
        });
        System.out.println(sb);
        try {
            Path report = Path.of("target", "asl-conformance-report.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, sb.toString());
        } catch (IOException ignored) {
            // the console copy is enough
        }
        int[] pure = tally.getOrDefault(ConformanceCase.Kind.PURE_CLEAN, new int[2]);
        assertEquals(PURE_CLEAN_CASES, pure[1], "pure-clean cases found");
        assertEquals(PURE_CLEAN_CASES, pure[0], "pure-clean cases passing");
    }
}
