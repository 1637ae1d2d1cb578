package dev.rehearsal.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.local.cli.Main;
import dev.rehearsal.local.testing.OpenAiFaultStub;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whole-process cost of many walks (docs/PERFORMANCE.md, "Many walks"): each row starts a fresh JVM running
 * `rehearse test` as users do, several times, and reports the median wall time and peak RSS (from
 * /usr/bin/time when present). The LLM row uses a loopback OpenAI-protocol server answering every call
 * after 300 ms and compares the wall time with the longest persona's chain of calls (calls x 300 ms).
 *
 * <pre>mvn -q -pl local -am test-compile && mvn -q -pl local exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=dev.rehearsal.local.bench.WalksBenchmark</pre>
 */
public final class WalksBenchmark {
    static final int REPEATS = 5;
    static final long LLM_DELAY_MS = 300;
    /**
     * Children run through ./rehearse (built first if sources changed, so run it once before measuring) unless
     * -Dwalks.launcher=false: then a plain JVM with the launcher's flags on this classpath, without the
     * class-data-sharing archive (it needs the jars).
     */
    static final boolean LAUNCHER = !"false".equals(System.getProperty("walks.launcher"));
    /** The launcher's JVM flags (./rehearse), for -Dwalks.launcher=false. */
    static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-XX:-UsePerfData", "-Xms256m",
            "-Xmn24m", "-XX:MaxTenuringThreshold=0");

    public static void main(String[] args) throws Exception {
        Path suite = root().resolve("examples/sms-lead-followup.suite.json");
        System.out.println("| run | walks per persona | median wall s | peak RSS MB | vs one walk |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        if (args.length == 0 || !args[0].equals("llm")) {   // `llm`: just the stub-LLM row
            double[] one = measure(List.of("test", suite.toString(), "--runs", "1"), null);
            row("offline, 7 personas", "1", one, one);
            double[] thirty = measure(List.of("test", suite.toString(), "--runs", "30"), null);
            row("offline, 7 personas", "30", thirty, one);
            double[] auto = measure(List.of("test", suite.toString()), null);
            row("offline, 7 personas (default)", "auto", auto, one);
        }
        try (OpenAiFaultStub llm = new OpenAiFaultStub(0, LLM_DELAY_MS)) {
            Path out = Files.createTempFile("walks", ".json");
            List<String> cmd = List.of("test", suite.toString(), "--provider", "openai", "--model", "gpt-4.1-mini",
                    "--base-url", llm.baseUrl(), "--replay", "off", "--runs", "1", "--format", "json", "--out", out.toString());
            double[] wall = measure(cmd, "sk-bench");
            JsonNode report = Json.mapper().readTree(Files.readString(out));
            int longest = 0;
            for (JsonNode p : report.get("personas")) {
                int calls = 0;
                for (JsonNode i : p.get("transcript")) if (i.has("reply")) calls++;
                longest = Math.max(longest, calls);
            }
            double chain = longest * LLM_DELAY_MS / 1000.0;
            System.out.printf(Locale.ROOT, "| 300 ms stub LLM, 7 personas, concurrency 8 | 1 | %.2f | %.0f | longest chain %d calls = %.2f s; wall / chain = %.2f×; walking phase %.2f s = %.2f× the chain |%n",
                    wall[0], wall[1], longest, chain, wall[0] / chain, wall[2], wall[2] / chain);
        }
    }

    static void row(String what, String walks, double[] m, double[] base) {
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f | %.0f | %.2f× |%n", what, walks, m[0], m[1], m[0] / base[0]);
    }

    /**
     * {median wall seconds, max peak RSS MB, median walking phase seconds} over REPEATS fresh JVMs. The walking
     * phase is what the CLI reports with REHEARSE_TIMINGS=1: from the start of the rehearsal to the last
     * persona's last walk (no JVM start, parsing or report).
     */
    static double[] measure(List<String> args, String openAiKey) throws Exception {
        double[] walls = new double[REPEATS];
        double[] walking = new double[REPEATS];
        double rss = 0;
        boolean time = Files.isExecutable(Path.of("/usr/bin/time"));
        for (int i = 0; i < REPEATS; i++) {
            List<String> cmd = new ArrayList<>();
            Path t = Files.createTempFile("time", ".txt");
            if (time) cmd.addAll(List.of("/usr/bin/time", "-f", "%M", "-o", t.toString()));
            Path launcher = root().resolve("rehearse");
            if (LAUNCHER && Files.isExecutable(launcher)) {
                cmd.add(launcher.toString());   // what users run: the module jars, the launcher's flags, the CDS archive
            } else {
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                cmd.addAll(JVM_FLAGS);
                cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
            }
            cmd.addAll(args);
            if (!args.contains("--out")) cmd.addAll(List.of("--quiet", "--format", "json", "--out", "/dev/null"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            if (openAiKey != null) pb.environment().put("OPENAI_API_KEY", openAiKey);
            pb.environment().put("REHEARSE_TIMINGS", "1");
            long start = System.nanoTime();
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int code = process.waitFor();
            walls[i] = (System.nanoTime() - start) / 1e9;
            var m = java.util.regex.Pattern.compile("walking=(\\d+) ms").matcher(output);
            walking[i] = m.find() ? Integer.parseInt(m.group(1)) / 1000.0 : Double.NaN;
            if (code > 3) throw new IllegalStateException("rehearse exited " + code + " for " + args);
            if (time) rss = Math.max(rss, Long.parseLong(Files.readString(t).trim().lines().reduce((a, b) -> b).orElse("0")) / 1024.0);
        }
        Arrays.sort(walls);
        Arrays.sort(walking);
        return new double[]{walls[REPEATS / 2], rss, walking[REPEATS / 2]};
    }

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples"))) p = p.getParent();
        return p;
    }
}
