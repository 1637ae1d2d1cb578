package dev.rehearsal.engine.reading;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small least-recently-used memo for pure functions of text: walks read the same few messages and the offline
 * engine writes the same few replies thousands of times in a run, and the readers are regular expressions.
 * Thread-safe; a value is computed outside the lock, so two threads may compute the same one once each.
 */
final class Memo<K, V> {
    private final Map<K, V> entries;

    Memo(int capacity) {
        entries = new LinkedHashMap<>(Math.min(capacity, 256), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> e) {
                return size() > capacity;
            }
        };
    }

    V get(K key, Function<K, V> compute) {
        synchronized (entries) {
            V v = entries.get(key);
            if (v != null) return v;
        }
        V v = compute.apply(key);
        synchronized (entries) {
            entries.put(key, v);
        }
        return v;
    }
}
