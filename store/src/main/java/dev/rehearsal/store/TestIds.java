package dev.rehearsal.store;

/**
 * A test is one walk of one persona: its id is {@code <runId>.<personaId>} for walk 0 (the only walk
 * before runs had many, so old ids still read) and {@code <runId>.<personaId>.w<n>} for walk n. The run
 * it belongs to can be read from it, so an interaction keyed by (testId, stepIndex) lands in its run's
 * partition. Run ids and persona ids never contain a dot.
 */
public final class TestIds {
    private TestIds() {
    }

    public static String of(String runId, String personaId, int walk) {
        if (walk < 0) throw new IllegalArgumentException("walk must be >= 0");
        return walk == 0 ? of(runId, personaId) : of(runId, personaId) + ".w" + walk;
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

    /** The test's key within its run: the persona id, and the walk when it is not 0. */
    public static String key(String testId) {
        runId(testId);
        return testId.substring(testId.indexOf('.') + 1);
    }

    public static String personaId(String testId) {
        String key = key(testId);
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    public static int walk(String testId) {
        String key = key(testId);
        int dot = key.indexOf(".w");
        return dot < 0 ? 0 : Integer.parseInt(key.substring(dot + 2));
    }
}
