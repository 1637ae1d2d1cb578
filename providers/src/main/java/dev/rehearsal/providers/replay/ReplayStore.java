package dev.rehearsal.providers.replay;

import java.util.Optional;
import java.util.Set;

/**
 * Where recorded provider outcomes live, keyed by a SHA-256 hex request key. Entries are opaque
 * JSON text so a DynamoDB-backed store (in the store module) can hold them unchanged.
 */
public interface ReplayStore {
    Optional<String> load(String key);

    void save(String key, String entryJson);

    /**
     * The prompt versions recordings of one job ({@code schema} name) were made with ("" for recordings
     * older than versioning), so that a replay miss can say the recordings are stale rather than absent.
     * Stores that cannot list their entries return an empty set (a miss is then reported as a plain miss).
     */
    default Set<String> recordedVersions(String job) {
        return Set.of();
    }
}
