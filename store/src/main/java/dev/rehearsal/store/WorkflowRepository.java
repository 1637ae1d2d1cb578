package dev.rehearsal.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Versioned workflows: {@code ACCOUNT#a#WORKFLOW#id / VERSION#0000000001}. The latest version is the
 * last item of the partition (one Query, newest first, limit 1). {@code / HEAD} summarises it for the
 * account's listing (in the by-time index); it is written after the version, so a save that dies
 * between the two leaves the listing one version behind until the next save, never the workflow. A new
 * version is written with attribute_not_exists, so two concurrent saves cannot both become
 * version n+1: the loser gets {@link ConflictException}.
 */
public final class WorkflowRepository {
    private final Table table;
    private final java.time.Duration retention;

    public WorkflowRepository(Table table) {
        this(table, null);
    }

    /** {@code retention}: how long each version is kept after it was saved (null: until deleted). */
    public WorkflowRepository(Table table, java.time.Duration retention) {
        this.table = table;
        this.retention = retention;
    }

    public Optional<WorkflowVersion> latest(String accountId, String workflowId) {
        Page<Map<String, AttributeValue>> p = table.query(Keys.workflowPk(accountId, workflowId), "VERSION#", 1, null,
                false);
        return p.items().stream().findFirst().map(WorkflowRepository::version);
    }

    public Optional<WorkflowVersion> get(String accountId, String workflowId, int version) {
        if (version < 1) return Optional.empty();
        return table.get(Keys.workflowPk(accountId, workflowId), Keys.workflowVersionSk(version))
                .map(WorkflowRepository::version);
    }

    /** Versions, newest first. */
    public Page<WorkflowVersion> versions(String accountId, String workflowId, int limit, String token) {
        return table.query(Keys.workflowPk(accountId, workflowId), "VERSION#", limit, token, false)
                .map(WorkflowRepository::version);
    }

    /**
     * Saves a definition as the next version. Saving the same bytes as the latest version again
     * is a no-op that returns the latest (created false), so a retried PUT does not add versions.
     */
    public Stored<WorkflowVersion> save(String accountId, String workflowId, String definition) {
        String digest = sha256(definition);
        Optional<WorkflowVersion> latest = latest(accountId, workflowId);
        if (latest.isPresent() && latest.get().digest().equals(digest)) return new Stored<>(latest.get(), false);
        int next = latest.map(v -> v.version() + 1).orElse(1);
        WorkflowVersion v = new WorkflowVersion(accountId, workflowId, next, definition, digest, table.now().toString());
        Map<String, AttributeValue> item = table.expiring(Item.of(Keys.workflowPk(accountId, workflowId),
                        Keys.workflowVersionSk(next), "workflow", accountId)
                .s("workflowId", workflowId)
                .n("version", next)
                .s("definition", definition)
                .s("digest", digest)
                .s("createdAt", v.createdAt())
                .build(), retention);
        if (!table.putIfAbsent(item)) {
            throw new ConflictException("workflow '" + workflowId + "' was changed concurrently (version " + next
                    + " exists); retry");
        }
        writeHead(accountId, v);
        return new Stored<>(v, true);
    }

    private void writeHead(String accountId, WorkflowVersion v) {
        table.put(table.expiring(Item.of(Keys.workflowPk(accountId, v.workflowId()), Keys.HEAD_SK, "workflow_head", accountId)
                .s("workflowId", v.workflowId()).n("version", v.version()).s("name", nameOf(v.definition()))
                .s("updatedAt", v.createdAt())
                .s(Keys.BY_TIME_PK, Keys.workflowsListPk(accountId)).s(Keys.BY_TIME_SK, Keys.byTimeSk(v.createdAt(), v.workflowId()))
                .build(), retention));
    }

    /** The account's workflows, most recently saved first. */
    public Page<WorkflowSummary> list(String accountId, int limit, String token) {
        Table.Listing l = new Table.Listing(Keys.BY_TIME_INDEX, Keys.BY_TIME_PK, Keys.BY_TIME_SK,
                id -> Table.key(Keys.workflowPk(accountId, id), Keys.HEAD_SK));
        return table.queryIndex(l, Keys.workflowsListPk(accountId), limit, token, null, Map.of(), Map.of())
                .map(i -> new WorkflowSummary(Table.str(i, "workflowId"), (int) Table.num(i, "version", 0),
                        Table.str(i, "name"), Table.str(i, "updatedAt")));
    }

    private static String nameOf(String definition) {
        try {
            com.fasterxml.jackson.databind.JsonNode n = dev.rehearsal.engine.json.Json.mapper().readTree(definition).get("name");
            return n != null && n.isTextual() ? n.asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null; // a listing without a name is still a listing
        }
    }

    private static WorkflowVersion version(Map<String, AttributeValue> item) {
        return new WorkflowVersion(Table.str(item, "accountId"), Table.str(item, "workflowId"),
                (int) Table.num(item, "version", 0), Table.str(item, "definition"), Table.str(item, "digest"),
                Table.str(item, "createdAt"));
    }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
