package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Works out until when a Wait state waits, with AWS's validation messages. */
final class WaitTime {
    /** A standard execution lasts at most a year, so longer waits are rejected. */
    private static final Duration MAX_WAIT = Duration.ofDays(365);

    private WaitTime() {}

    static Instant jsonPath(State s, JsonNode input, Scope scope) {
        Instant now = scope.run.clock.now();
        if (s.has("Seconds")) return seconds(now, s.field("Seconds").asLong());
        if (s.has("Timestamp")) {
            return timestamp(now, parse(s.text("Timestamp"),
                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: "
                            + s.text("Timestamp")));
        }
        if (s.has("SecondsPath")) {
            String path = s.text("SecondsPath");
            JsonNode v = JsonPathProcessor.evaluateValue("SecondsPath", path, input, scope);
            if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()))) {
                throw runtime("The SecondsPath parameter cannot be parsed as a long value: " + path + " == " + text(v));
            }
            if (v.asLong() < 0) throw runtime("The SecondsPath parameter references a negative value: " + path + " == " + text(v));
            return seconds(now, v.asLong());
        }
        String path = s.text("TimestampPath");
        JsonNode v = JsonPathProcessor.evaluateValue("TimestampPath", path, input, scope);
        String msg = "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: "
                + path + " == " + text(v);
        if (!v.isTextual()) throw runtime(msg);
        return timestamp(now, parse(v.textValue(), msg));
    }

    static Instant jsonata(State s, JsonataEvaluator.Bindings b, Scope scope) {
        Instant now = scope.run.clock.now();
        if (s.has("Seconds")) {
            JsonNode v = JsonataEvaluator.evaluateTemplate(s.field("Seconds"), "Seconds", b);
            if (!v.isNumber() || v.doubleValue() != Math.rint(v.doubleValue()) || v.asLong() < 0) {
                throw JsonataEvaluator.queryError("The JSONata expression '" + JsonataEvaluator.body(s.text("Seconds"))
                        + "' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '"
                        + Json.typeName(v) + "' for value: " + text(v));
            }
            return seconds(now, v.asLong());
        }
        JsonNode v = JsonataEvaluator.evaluateTemplate(s.field("Timestamp"), "Timestamp", b);
        String msg = "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: " + text(v);
        if (!v.isTextual()) throw JsonataEvaluator.queryError(msg);
        try {
            return timestamp(now, OffsetDateTime.parse(v.textValue()).toInstant());
        } catch (DateTimeParseException e) {
            // In JSONata states AWS reports a bad timestamp as a query evaluation error.
            throw JsonataEvaluator.queryError(msg);
        }
    }

    private static Instant seconds(Instant now, long seconds) {
        return timestamp(now, now.plusSeconds(seconds));
    }

    private static Instant timestamp(Instant now, Instant target) {
        if (Duration.between(now, target).compareTo(MAX_WAIT) > 0) throw runtime("Wait state delay is too long.");
        return target;
    }

    private static Instant parse(String text, String message) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw runtime(message);
        }
    }

    private static String text(JsonNode v) { return v.isTextual() ? v.textValue() : Json.write(v); }

    private static StateFailure runtime(String m) { return new StateFailure(ErrorNames.RUNTIME, m); }
}
