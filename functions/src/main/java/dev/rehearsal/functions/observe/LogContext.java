package dev.rehearsal.functions.observe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields every log line of the current invocation carries: request id, account, run id,
 * persona, step. Per thread (a Lambda container serves one invocation at a time; the local runtime
 * runs steps on their own threads). Only these names are accepted, so nothing else (a body, a key)
 * can slip into every line.
 */
public final class LogContext {
    public static final Set<String> FIELDS = Set.of("requestId", "accountId", "runId", "personaId", "step");
    private static final ThreadLocal<Map<String, String>> CURRENT = ThreadLocal.withInitial(LinkedHashMap::new);

    private LogContext() {
    }

    /** Sets the fields (null values are skipped) until the returned scope closes, restoring the previous ones. */
    public static Scope with(String... namesAndValues) {
        Map<String, String> before = new LinkedHashMap<>(CURRENT.get());
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            String name = namesAndValues[i];
            if (!FIELDS.contains(name)) throw new IllegalArgumentException("not a log context field: " + name);
            if (namesAndValues[i + 1] != null) CURRENT.get().put(name, namesAndValues[i + 1]);
        }
        return () -> {
            CURRENT.get().clear();
            CURRENT.get().putAll(before);
        };
    }

    static Map<String, String> current() {
        return Collections.unmodifiableMap(CURRENT.get());
    }

    /** Restores the context that was current when it was opened. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
