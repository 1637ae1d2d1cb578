package dev.rehearsal.providers.replay;

import java.util.Locale;

/** off: call the provider; record: call it and store each outcome; replay: answer only from the store. */
public enum ReplayMode {
    OFF, RECORD, REPLAY;

    public static ReplayMode parse(String s) {
        if (s == null || s.isBlank()) return OFF;
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("replay mode must be off, record or replay, not '" + s + "'");
        }
    }
}
