package dev.rehearsal.providers.replay;

import java.util.Optional;

/**
 * Where recorded provider outcomes live, keyed by a SHA-256 hex request key. Entries are opaque
 * JSON text so a DynamoDB-backed store (in the store module) can hold them unchanged.
 */
public interface ReplayStore {
    Optional<String> load(String key);

    void save(String key, String entryJson);
}
