package dev.rehearsal.functions.llm;

import dev.rehearsal.providers.replay.ReplayStore;
import dev.rehearsal.store.ReplayCacheRepository;

import java.util.Optional;

/**
 * The LLM record/replay cache in DynamoDB, for runs in AWS: one account's recordings, first answer
 * wins (a retried step that re-records the same key keeps the original, so replays stay identical).
 */
public final class DynamoReplayStore implements ReplayStore {
    private final ReplayCacheRepository repository;
    private final String accountId;

    public DynamoReplayStore(ReplayCacheRepository repository, String accountId) {
        this.repository = repository;
        this.accountId = accountId;
    }

    @Override
    public Optional<String> load(String key) {
        return repository.get(accountId, key);
    }

    @Override
    public void save(String key, String entryJson) {
        repository.putIfAbsent(accountId, key, entryJson);
    }
}
