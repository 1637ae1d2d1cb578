package dev.rehearsal.functions.observe;

import dev.rehearsal.providers.core.Secrets;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Structured logs: one JSON object per line on standard output (Lambda's JSON log format passes
 * such lines through as they are), with a level, a message, the {@link LogContext} fields and the
 * given ones. Messages and string values pass through {@link Secrets#redact}, so a key never
 * reaches a log at any level; callers log facts (ids, counts, statuses), never a message body.
 */
public final class JsonLog {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private static volatile Consumer<String> sink = System.out::println;

    private JsonLog() {
    }

    /** Where lines go (standard output by default); tests capture them. Returns the previous sink. */
    public static Consumer<String> sink(Consumer<String> s) {
        Consumer<String> before = sink;
        sink = s;
        return before;
    }

    static void write(String line) {
        sink.accept(line);
    }

    public static void info(String message, Map<String, ?> fields) {
        log(Level.INFO, message, fields, null);
    }

    public static void warn(String message, Map<String, ?> fields, Throwable error) {
        log(Level.WARN, message, fields, error);
    }

    public static void error(String message, Map<String, ?> fields, Throwable error) {
        log(Level.ERROR, message, fields, error);
    }

    public static void log(Level level, String message, Map<String, ?> fields, Throwable error) {
        // a later key replaces an earlier one in its place, as in a JSON object tree
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level.name());
        line.put("service", "rehearsal");
        line.put("message", Secrets.redact(message));
        LogContext.current().forEach(line::put);
        if (fields != null) fields.forEach((k, v) -> {
            if (v == null) return;
            if (v instanceof Number n) line.put(k, n.doubleValue() == Math.rint(n.doubleValue()) ? (Object) n.longValue() : (Object) n.doubleValue());
            else if (v instanceof Boolean b) line.put(k, b);
            else line.put(k, Secrets.redact(String.valueOf(v)));
        });
        if (error != null) {
            // The kind of failure and its message (redacted) for operators; never the request's body.
            line.put("errorType", error.getClass().getSimpleName());
            line.put("errorMessage", Secrets.redact(String.valueOf(error.getMessage())));
        }
        write(JsonLine.write(line));
    }
}
