package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/** Runs one conformance case and says how its result differs from what AWS recorded (empty list = pass). */
final class CaseRunner {
    private static final Pattern EVENT_ID = Pattern.compile("event id #\\d+");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]+>");

    private CaseRunner() {}

    static List<String> run(ConformanceCase c) throws Exception {
        StateMachine machine = StateMachine.parse(c.definition());
        TaskRegistry registry = RecordedLambdas.registryFor(c.lambdaHandlers());
        JsonNode expected = c.expected();
        String expectedStatus = expected.path("status").asText();
        Execution ex;
        if (expectedStatus.equals("ABORTED")) {
            // The recorded test stopped the execution while it waited; do the same with a clock that blocks.
            try (LocalExecutor executor = new LocalExecutor(registry, new BlockingClock(), ExecutorOptions.defaults())) {
                ex = executor.startAsync(machine, c.input(), "conformance");
                long until = System.currentTimeMillis() + 5000;
                while (!ex.history().types().contains("WaitStateEntered") && System.currentTimeMillis() < until) Thread.sleep(2);
                ex.stop();
                ex.await(5, TimeUnit.SECONDS);
            }
        } else {
            try (LocalExecutor executor = new LocalExecutor(registry, Clock.virtual(Instant.parse("2024-01-01T00:00:00Z")),
                    ExecutorOptions.defaults())) {
                ex = executor.start(machine, c.input(), "conformance");
            }
        }
        return compare(expected, ex);
    }

    static List<String> compare(JsonNode expected, Execution ex) {
        List<String> problems = new ArrayList<>();
        String status = expected.path("status").asText();
        if (!status.equals(ex.status().name())) {
            problems.add("status " + ex.status() + " (expected " + status + ")" + describe(ex));
            return problems;
        }
        if (status.equals("SUCCEEDED") && expected.has("output") && !expected.path("output_undecodable").asBoolean()) {
            if (!Json.equalsByValue(expected.get("output"), ex.output())) {
                problems.add("output " + Json.write(ex.output()) + "\n  expected " + Json.write(expected.get("output")));
            }
        }
        if (status.equals("FAILED")) {
            String err = expected.hasNonNull("error") ? expected.get("error").asText() : null;
            if (!java.util.Objects.equals(err, ex.error())) problems.add("error " + ex.error() + " (expected " + err + ")" + describe(ex));
            String cause = expected.hasNonNull("cause") ? expected.get("cause").asText() : null;
            if (!causeMatches(cause, ex.cause())) problems.add("cause '" + ex.cause() + "'\n  expected '" + cause + "'");
        }
        return problems;
    }

    /** Loose: event ids and recorder placeholders (<uuid:1>, <timestamp>) are ignored; JSON causes compare by type/message. */
    static boolean causeMatches(String expected, String actual) {
        if (expected == null) return actual == null || actual.isEmpty();
        if (actual == null) return expected.isEmpty();
        String e = EVENT_ID.matcher(expected).replaceAll("event id #N");
        String a = EVENT_ID.matcher(actual).replaceAll("event id #N");
        if (e.equals(a)) return true;
        if (PLACEHOLDER.matcher(e).find()) {
            StringBuilder re = new StringBuilder();
            int last = 0;
            var m = PLACEHOLDER.matcher(e);
            while (m.find()) {
                re.append(Pattern.quote(e.substring(last, m.start()))).append(".*");
                last = m.end();
            }
            re.append(Pattern.quote(e.substring(last)));
            if (Pattern.compile(re.toString(), Pattern.DOTALL).matcher(a).matches()) return true;
        }
        try {
            JsonNode je = Json.parse(e), ja = Json.parse(a);
            if (je.isObject() && ja.isObject() && je.has("errorType")) {
                return je.path("errorType").equals(ja.path("errorType")) && je.path("errorMessage").equals(ja.path("errorMessage"));
            }
        } catch (IllegalArgumentException ignored) {
            // not JSON
        }
        return false;
    }

    private static String describe(Execution ex) {
        return ex.status() == ExecutionStatus.FAILED ? " [" + ex.error() + ": " + ex.cause() + "]"
                : ex.status() == ExecutionStatus.SUCCEEDED ? " [output " + Json.write(ex.output()) + "]" : "";
    }

    /** A clock whose sleeps last until the execution is stopped. */
    static final class BlockingClock implements Clock {
        private final Instant now = Instant.parse("2024-01-01T00:00:00Z");

        @Override public Instant now() { return now; }

        @Override
        public void sleepUntil(Instant until, BooleanSupplier cancelled) throws InterruptedException {
            while (!cancelled.getAsBoolean()) Thread.sleep(1);
        }
    }
}
