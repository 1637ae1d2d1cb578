package dev.rehearsal.store;

import java.util.Optional;

/**
 * Suites and their baselines: {@code ACCOUNT#a#SUITE#id / SUITE} and {@code / BASELINE} (the
 * report digest a scheduled regression run compares against). Documents are opaque JSON. The SUITE
 * item carries the by-time index keys, so the account's listing follows each save.
 */
public final class SuiteRepository {
    private final Table table;
    private final java.time.Duration retention;

    public SuiteRepository(Table table) {
        this(table, null);
    }

    /** {@code retention}: how long a suite and its baseline are kept after their last write (null: until deleted). */
    public SuiteRepository(Table table, java.time.Duration retention) {
        this.table = table;
        this.retention = retention;
    }

    /** Creates or replaces a suite; {@code created} tells which. */
    public Stored<Suite> put(String accountId, String suiteId, String document) {
        boolean existed = get(accountId, suiteId).isPresent();
        Suite s = new Suite(suiteId, document, table.now().toString());
        table.put(table.expiring(Item.of(Keys.suitePk(accountId, suiteId), Keys.SUITE_SK, "suite", accountId)
                .s("suiteId", suiteId).s("doc", document).s("updatedAt", s.updatedAt())
                .s(Keys.BY_TIME_PK, Keys.suitesListPk(accountId)).s(Keys.BY_TIME_SK, Keys.byTimeSk(s.updatedAt(), suiteId))
                .build(), retention));
        return new Stored<>(s, !existed);
    }

    /** The account's suites, most recently saved first (the by-time index). */
    public Page<Suite> list(String accountId, int limit, String token) {
        Table.Listing l = new Table.Listing(Keys.BY_TIME_INDEX, Keys.BY_TIME_PK, Keys.BY_TIME_SK,
                id -> Table.key(Keys.suitePk(accountId, id), Keys.SUITE_SK));
        return table.queryIndex(l, Keys.suitesListPk(accountId), limit, token, null, java.util.Map.of(), java.util.Map.of())
                .map(i -> new Suite(Table.str(i, "suiteId"), Table.str(i, "doc"), Table.str(i, "updatedAt")));
    }

    public Optional<Suite> get(String accountId, String suiteId) {
        return read(accountId, suiteId, Keys.SUITE_SK);
    }

    /** Sets the baseline; only for an existing suite ({@link ConflictException} otherwise). */
    public Suite putBaseline(String accountId, String suiteId, String digestDocument) {
        Suite b = new Suite(suiteId, digestDocument, table.now().toString());
        if (get(accountId, suiteId).isEmpty()) throw new ConflictException("suite '" + suiteId + "' does not exist");
        table.put(table.expiring(Item.of(Keys.suitePk(accountId, suiteId), Keys.BASELINE_SK, "baseline", accountId)
                .s("suiteId", suiteId).s("doc", digestDocument).s("updatedAt", b.updatedAt()).build(), retention));
        return b;
    }

    public Optional<Suite> baseline(String accountId, String suiteId) {
        return read(accountId, suiteId, Keys.BASELINE_SK);
    }

    private Optional<Suite> read(String accountId, String suiteId, String sk) {
        return table.get(Keys.suitePk(accountId, suiteId), sk)
                .map(i -> new Suite(Table.str(i, "suiteId"), Table.str(i, "doc"), Table.str(i, "updatedAt")));
    }
}
