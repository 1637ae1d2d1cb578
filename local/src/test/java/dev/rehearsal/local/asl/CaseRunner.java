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

    /** The account and region the cases were recorded in, so generated ARNs read the same. */
    private static final ExecutorOptions RECORDED_ACCOUNT = new ExecutorOptions(40, true, "111111111111", "us-east-1",
            "arn:aws:iam::111111111111:role/snf_role_arn");

    private CaseRunner() {}

    static List<String> run(ConformanceCase c) throws Exception {
        return run(c, c.kind() != ConformanceCase.Kind.PURE_CLEAN);
    }

    static List<String> run(ConformanceCase c, boolean looseOutput) throws Exception {
        StateMachine machine = StateMachine.parse(c.definition());
        TaskRegistry registry = RecordedLambdas.registryFor(c.lambdaHandlers());
        JsonNode expected = c.expected();
        String expectedStatus = expected.path("status").asText();
        Execution ex;
        if (expectedStatus.equals("ABORTED")) {
            // The recorded test stopped the execution while it waited; do the same with a clock that blocks.
            try (LocalExecutor executor = new LocalExecutor(registry, new BlockingClock(), RECORDED_ACCOUNT)) {
                ex = executor.startAsync(machine, c.input(), "conformance");
                long until = System.currentTimeMillis() + 5000;
                while (!ex.history().types().contains("WaitStateEntered") && System.currentTimeMillis() < until) Thread.sleep(2);
                ex.stop();
                ex.await(5, TimeUnit.SECONDS);
            }
        } else {
            try (LocalExecutor executor = new LocalExecutor(registry, Clock.virtual(Instant.parse("2024-01-01T00:00:00Z")),
                    RECORDED_ACCOUNT)) {
                ex = executor.start(machine, c.input(), "conformance");
            }
        }
        return compare(expected, ex, looseOutput);
    }

    static List<String> compare(JsonNode expected, Execution ex, boolean looseOutput) {
        List<String> problems = new ArrayList<>();
        String status = expected.path("status").asText();
        if (!status.equals(ex.status().name())) {
            problems.add("status " + ex.status() + " (expected " + status + ")" + describe(ex));
            return problems;
        }
        if (status.equals("SUCCEEDED") && expected.has("output") && !expected.path("output_undecodable").asBoolean()) {
            boolean same = looseOutput ? looselyEqual(expected.get("output"), ex.output())
                    : Json.equalsByValue(expected.get("output"), ex.output());
            if (!same) {
                problems.add("output " + Json.write(ex.output()) + "\n  expected " + Json.write(expected.get("output")));
            }
        }
        if (status.equals("FAILED")) {
            String err = expected.hasNonNull("error") ? expected.get("error").asText() : null;
            if (!java.util.Objects.equals(err, ex.error())) problems.add("error " + ex.error() + " (expected " + err + ")" + describe(ex));
            JsonNode c = expected.get("cause");
            String cause = c == null || c.isNull() ? null : c.isTextual() ? c.textValue() : Json.write(c);
            if (!causeMatches(cause, ex.cause())) problems.add("cause '" + ex.cause() + "'\n  expected '" + cause + "'");
        }
        return problems;
    }

    /**
     * For cases outside the pure-clean set: strings compare like causes (recorder placeholders, request ids),
     * and lambda:invoke responses compare by Payload and StatusCode only -- their HTTP metadata (dates, request
     * ids, header lengths) is AWS plumbing a local executor cannot reproduce.
     */
    static boolean looselyEqual(JsonNode e, JsonNode a) {
        if (e == null || a == null) return e == a;
        if (e.isTextual() && a.isTextual()) return causeMatches(e.textValue(), a.textValue());
        if (e.isObject() && a.isObject()) {
            if (e.has("SdkHttpMetadata") && a.has("SdkHttpMetadata")) {
                return looselyEqual(e.get("Payload"), a.get("Payload"))
                        && Json.equalsByValue(e.get("StatusCode"), a.get("StatusCode"));
            }
            if (e.size() != a.size()) return false;
            for (var it = e.fields(); it.hasNext(); ) {
                var f = it.next();
                if (!a.has(f.getKey()) || !looselyEqual(f.getValue(), a.get(f.getKey()))) return false;
            }
            return true;
        }
        if (e.isArray() && a.isArray()) {
            if (e.size() != a.size()) return false;
            for (int i = 0; i < e.size(); i++) if (!looselyEqual(e.get(i), a.get(i))) return false;
            return true;
        }
        return Json.equalsByValue(e, a);
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
