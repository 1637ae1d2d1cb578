package dev.rehearsal.store;

import java.time.Duration;
import java.util.Optional;

/**
 * The LLM replay cache: {@code ACCOUNT#a#REPLAY#key / REPLAY} holds the recorded answer (JSON)
 * for a request digest. Scoped to the account, like everything else: one account's prompts and
 * answers never serve another's. Entries expire after the TTL; the first answer recorded for a
 * key wins (attribute_not_exists), so replays stay byte-for-byte stable.
 */
public final class ReplayCacheRepository {
    public static final Duration DEFAULT_TTL = Duration.ofDays(30);
    private final Table table;
    private final Duration ttl;

    public ReplayCacheRepository(Table table, Duration ttl) {
        this.table = table;
        this.ttl = ttl;
    }

    public ReplayCacheRepository(Table table) {
        this(table, DEFAULT_TTL);
    }

    public Optional<String> get(String accountId, String key) {
        return table.get(Keys.replayPk(accountId, key), Keys.REPLAY_SK).map(i -> Table.str(i, "doc"));
    }

    /** Records an answer unless one is cached; returns the cached answer (the earlier one on a race). */
    public Stored<String> putIfAbsent(String accountId, String key, String document) {
        boolean created = table.putIfAbsent(Item.of(Keys.replayPk(accountId, key), Keys.REPLAY_SK, "replay", accountId)
                .s("key", key).s("doc", document).s("createdAt", table.now().toString())
                .n(Table.EXPIRES_AT, table.expiresAt(ttl)).build());
        if (created) return new Stored<>(document, true);
        return new Stored<>(get(accountId, key).orElse(document), false);
    }
}
