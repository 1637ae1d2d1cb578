package dev.rehearsal.local.asl;

/**
 * Executor settings.
 *
 * @param maxThreadsPerMap  worker threads a Map or Parallel may use when its MaxConcurrency is 0 (unbounded);
 *                          keeps thread counts sane for large inputs while results stay in order
 * @param recordHistory     false skips building event details (faster for benchmarks)
 * @param accountId         used in generated ARNs
 * @param region            used in generated ARNs
 */
public record ExecutorOptions(int maxThreadsPerMap, boolean recordHistory, String accountId, String region,
                              String roleArn) {
    public static ExecutorOptions defaults() {
        return new ExecutorOptions(40, true, "123456789012", "us-east-1",
                "arn:aws:iam::123456789012:role/rehearsal-local");
    }

    public ExecutorOptions withRecordHistory(boolean record) {
        return new ExecutorOptions(maxThreadsPerMap, record, accountId, region, roleArn);
    }

    public ExecutorOptions withMaxThreadsPerMap(int n) {
        return new ExecutorOptions(n, recordHistory, accountId, region, roleArn);
    }
}
