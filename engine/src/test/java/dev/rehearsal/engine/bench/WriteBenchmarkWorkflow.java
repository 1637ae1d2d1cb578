package dev.rehearsal.engine.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one of {@link ValidationBenchmark}'s generated workflows to a file, so whole-process benchmarks
 * (tools/bench/coldstart.sh) can hand it to {@code rehearse validate}. Args: chain|ladder, steps, file.
 */
public final class WriteBenchmarkWorkflow {
    public static void main(String[] args) throws Exception {
        Files.writeString(Path.of(args[2]), ValidationBenchmark.generate(args[0], Integer.parseInt(args[1])));
    }
}
