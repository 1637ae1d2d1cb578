package dev.rehearsal.store;

/**
 * A per-persona test's id is {@code <runId>.<personaId>}: the run it belongs to can be read from
 * it, so an interaction keyed by (testId, stepIndex) lands in its run's partition. Run ids and
 * persona ids never contain a dot.
 */
public final class TestIds {
    private TestIds() {
    }

    public static String of(String runId, String personaId) {
        if (runId.indexOf('.') >= 0 || personaId.indexOf('.') >= 0) {
            throw new IllegalArgumentException("run and persona ids may not contain '.'");
        }
        return runId + "." + personaId;
    }

    public static String runId(String testId) {
        int i = testId == null ? -1 : testId.indexOf('.');
        if (i <= 0 || i == testId.length() - 1) throw new IllegalArgumentException("not a test id: " + testId);
        return testId.substring(0, i);
    }

    public static String personaId(String testId) {
        runId(testId);
        return testId.substring(testId.indexOf('.') + 1);
    }
}
