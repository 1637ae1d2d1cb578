package dev.rehearsal.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything of one run lives in one partition, {@code ACCOUNT#a#RUN#runId}: the run record
 * ({@code RUN}), one item per persona test ({@code TEST#personaId}), the interactions
 * ({@code INTERACTION#personaId#000042}) and the report ({@code REPORT}). All carry
 * {@code expiresAt} (now + retention) so a run's data expires as a whole; except the walks after the
 * first of each persona (walk 1 and up of a many-walk run), which are written to expire
 * {@link #IN_FLIGHT} later: the report keeps what a person reads and {@link #keepWalk} extends only
 * those walks, so the many walks nobody reads cost no write to drop (docs/COST.md, Retention).
 */
public final class RunRepository {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
    /** How long a walk not (yet) kept by a report lives: far beyond a run's 6-hour deadline and its resume. */
    public static final Duration IN_FLIGHT = Duration.ofDays(7);
    private final Table table;
    private final Duration retention;
    private final AccountLimitsRepository limits;

    public RunRepository(Table table, Duration retention) {
        this.table = table;
        this.retention = retention;
        this.limits = new AccountLimitsRepository(table);
    }

    public RunRepository(Table table) {
        this(table, DEFAULT_RETENTION);
    }

    // ---- runs

    /**
     * Creates the run record (status RUNNING) unless one with its id exists; a retry with the same
     * id returns the existing run (created false).
     */
    public Stored<RunRecord> create(String accountId, String runId, String workflowId, int workflowVersion,
                                    List<String> personaIds, long seed) {
        return create(accountId, runId, workflowId, workflowVersion, personaIds, seed, 1, null);
    }

    /**
     * As {@link #create(String, String, String, int, List, long)}, recording the digest of the request
     * that asked for the run, so a retry that reuses the run id with another request can be told apart
     * ({@link #requestDigest}).
     */
    public Stored<RunRecord> create(String accountId, String runId, String workflowId, int workflowVersion,
                                    List<String> personaIds, long seed, String requestDigest) {
        return create(accountId, runId, workflowId, workflowVersion, personaIds, seed, 1, requestDigest);
    }

    /** As above, each persona walking the workflow {@code walks} times. */
    public Stored<RunRecord> create(String accountId, String runId, String workflowId, int workflowVersion,
                                    List<String> personaIds, long seed, int walks) {
        return create(accountId, runId, workflowId, workflowVersion, personaIds, seed, walks, null);
    }

    public Stored<RunRecord> create(String accountId, String runId, String workflowId, int workflowVersion,
                                    List<String> personaIds, long seed, int walks, String requestDigest) {
        String now = table.now().toString();
        RunRecord run = new RunRecord(runId, accountId, workflowId, workflowVersion, personaIds, seed,
                RunStatus.RUNNING, null, now, now, walks, null);
        Map<String, AttributeValue> item = Item.of(Keys.runPk(accountId, runId), Keys.RUN_SK, "run", accountId)
                .s("runId", runId).s("workflowId", workflowId).n("workflowVersion", workflowVersion)
                .list("personaIds", personaIds).n("seed", seed).n("walks", walks).s("status", run.status().name())
                .s("createdAt", now).s("updatedAt", now).n(Table.EXPIRES_AT, table.expiresAt(retention))
                .s(Keys.BY_TIME_PK, Keys.runsListPk(accountId)).s(Keys.BY_TIME_SK, Keys.byTimeSk(now, runId))
                .build();
        if (requestDigest != null) {
            item = new HashMap<>(item);
            item.put("requestDigest", Table.s(requestDigest));
        }
        Stored<RunRecord> out = table.putIfAbsent(item) ? new Stored<>(run, true)
                : new Stored<>(get(accountId, runId).orElseThrow(() -> new ConflictException("run " + runId
                + " exists but cannot be read")), false);
        listUnderWorkflow(accountId, out.value());
        return out;
    }

    /**
     * The run's entry among its workflow's runs. Its key comes from the stored run, so a retried
     * create writes the same item again (the first attempt may have died before writing it).
     */
    private void listUnderWorkflow(String accountId, RunRecord r) {
        table.put(Item.of(Keys.workflowPk(accountId, r.workflowId()), Keys.workflowRunSk(r.createdAt(), r.runId()),
                        "workflow_run", accountId)
                .s("runId", r.runId()).n(Table.EXPIRES_AT, table.expiresAt(retention)).build());
    }

    /**
     * The account's runs, newest first: all of them (the by-time index) or one workflow's (the
     * runs-by-workflow index), optionally only those in {@code status} (a filter: a page may be short).
     */
    public Page<RunRecord> list(String accountId, String workflowId, RunStatus status, int limit, String token) {
        if (workflowId != null) return listOfWorkflow(accountId, workflowId, status, limit, token);
        Table.Listing l = new Table.Listing(Keys.BY_TIME_INDEX, Keys.BY_TIME_PK, Keys.BY_TIME_SK,
                id -> Table.key(Keys.runPk(accountId, id), Keys.RUN_SK));
        String pk = Keys.runsListPk(accountId);
        return (status == null
                ? table.queryIndex(l, pk, limit, token, null, Map.of(), Map.of())
                : table.queryIndex(l, pk, limit, token, "#st = :st", Map.of("#st", "status"),
                        Map.of(":st", Table.s(status.name()))))
                .map(RunRepository::run);
    }

    /**
     * One workflow's runs: its partition's {@code RUN#} entries (a consistent Query, newest first), then the
     * run records themselves in one BatchGetItem for their current status.
     */
    private Page<RunRecord> listOfWorkflow(String accountId, String workflowId, RunStatus status, int limit, String token) {
        Page<Map<String, AttributeValue>> entries = table.query(Keys.workflowPk(accountId, workflowId),
                Keys.WORKFLOW_RUN_PREFIX, limit, token, false);
        List<Map<String, AttributeValue>> keys = entries.items().stream()
                .map(e -> Table.key(Keys.runPk(accountId, Table.str(e, "runId")), Keys.RUN_SK)).toList();
        Map<String, RunRecord> byId = new HashMap<>();
        for (Map<String, AttributeValue> i : table.getAll(keys)) byId.put(Table.str(i, "runId"), run(i));
        List<RunRecord> out = entries.items().stream().map(e -> byId.get(Table.str(e, "runId")))
                .filter(r -> r != null && (status == null || r.status() == status)).toList();
        return new Page<>(out, entries.nextToken());
    }

    /** The digest of the request that created the run, when it was recorded. */
    public Optional<String> requestDigest(String accountId, String runId) {
        return table.get(Keys.runPk(accountId, runId), Keys.RUN_SK).map(i -> Table.str(i, "requestDigest"));
    }

    public Optional<RunRecord> get(String accountId, String runId) {
        return table.get(Keys.runPk(accountId, runId), Keys.RUN_SK).map(RunRepository::run);
    }

    /**
     * Moves a RUNNING run to COMPLETED or FAILED (with an error) and frees its slot among the account's
     * active runs ({@link AccountLimitsRepository}). A run that already finished is
     * not changed again: {@link ConflictException}, unless it is already in the requested state
     * (a retried step), which returns it as is.
     */
    public RunRecord finish(String accountId, String runId, RunStatus status, String error) {
        return finish(accountId, runId, status, error, null);
    }

    /** As above, recording the run's verdict with it (COMPLETED runs). */
    public RunRecord finish(String accountId, String runId, RunStatus status, String error, String verdict) {
        if (status == RunStatus.RUNNING) throw new IllegalArgumentException("finish needs COMPLETED, FAILED or CANCELLED");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":to", Table.s(status.name()));
        values.put(":running", Table.s(RunStatus.RUNNING.name()));
        values.put(":now", Table.s(table.now().toString()));
        String update = "SET #st = :to, updatedAt = :now";
        if (verdict != null) {
            values.put(":verdict", Table.s(verdict));
            update += ", verdict = :verdict";
        }
        if (error != null) {
            values.put(":err", Table.s(error));
            update += ", #err = :err";
        }
        String upd = update;
        try {
            UpdateItemResponse r = table.client().updateItem(b -> b.tableName(table.name())
                    .key(Table.key(Keys.runPk(accountId, runId), Keys.RUN_SK))
                    .updateExpression(upd)
                    .conditionExpression("attribute_exists(pk) AND #st = :running")
                    .expressionAttributeNames(error != null ? Map.of("#st", "status", "#err", "error")
                            : Map.of("#st", "status"))
                    .expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW));
            limits.releaseRunSlot(accountId, runId);
            return run(r.attributes());
        } catch (ConditionalCheckFailedException e) {
            RunRecord current = get(accountId, runId)
                    .orElseThrow(() -> new ConflictException("run " + runId + " does not exist"));
            if (current.status() == status) {
                limits.releaseRunSlot(accountId, runId); // a retried step: the first attempt may have died before
                return current;
            }
            throw new ConflictException("run " + runId + " is " + current.status() + ", not RUNNING");
        }
    }

    // ---- interrupted runs (the local server's restart; in AWS the EventBridge reconciliation covers them)

    /**
     * Every RUNNING run of every account: a full table scan, for {@code rehearse serve}'s start only
     * (never in a Lambda: its policy has no Scan).
     */
    public List<RunRecord> scanRunning() {
        List<RunRecord> out = new java.util.ArrayList<>();
        table.client().scanPaginator(b -> b.tableName(table.name())
                        .filterExpression("sk = :run AND #st = :running")
                        .expressionAttributeNames(Map.of("#st", "status"))
                        .expressionAttributeValues(Map.of(":run", Table.s(Keys.RUN_SK), ":running",
                                Table.s(RunStatus.RUNNING.name()))))
                .items().forEach(i -> out.add(run(i)));
        return out;
    }

    /** Counts one more resume of a RUNNING run; the new count, or empty when the run is no longer RUNNING. */
    public java.util.OptionalInt recordResume(String accountId, String runId) {
        try {
            UpdateItemResponse r = table.client().updateItem(b -> b.tableName(table.name())
                    .key(Table.key(Keys.runPk(accountId, runId), Keys.RUN_SK))
                    .updateExpression("ADD resumes :one SET updatedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND #st = :running")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":one", Table.n(1), ":now", Table.s(table.now().toString()),
                            ":running", Table.s(RunStatus.RUNNING.name())))
                    .returnValues(ReturnValue.UPDATED_NEW));
            return java.util.OptionalInt.of((int) Table.num(r.attributes(), "resumes", 1));
        } catch (ConditionalCheckFailedException e) {
            return java.util.OptionalInt.empty();
        }
    }

    // ---- persona snapshots (issue 12): what the run simulates, whatever happens to the personas later

    /**
     * Keeps a run's copy of a persona (its JSON document), one item each: 25 personas would not fit
     * in the run item. The first copy wins, so a retried request never changes what a run uses.
     */
    public void putPersonaSnapshot(String accountId, String runId, String personaId, String document) {
        table.putIfAbsent(Item.of(Keys.runPk(accountId, runId), Keys.personaSnapshotSk(personaId), "persona-snapshot",
                        accountId)
                .s("runId", runId).s("personaId", personaId).s("doc", document).s("createdAt", table.now().toString())
                .n(Table.EXPIRES_AT, table.expiresAt(retention)).build());
    }

    /** The run's copy of a persona; empty for runs requested before snapshots existed. */
    public Optional<String> personaSnapshot(String accountId, String runId, String personaId) {
        return table.get(Keys.runPk(accountId, runId), Keys.personaSnapshotSk(personaId)).map(i -> Table.str(i, "doc"));
    }

    // ---- per-persona tests

    /** Creates the test of one persona in a run if absent (status PENDING); returns it either way. */
    public Stored<PersonaTest> createTest(String accountId, String runId, String personaId) {
        return createTest(accountId, runId, personaId, 0);
    }

    /** The test of one walk of one persona. */
    public Stored<PersonaTest> createTest(String accountId, String runId, String personaId, int walk) {
        String testId = TestIds.of(runId, personaId, walk);
        PersonaTest t = new PersonaTest(testId, runId, personaId, "PENDING", null, table.now().toString());
        if (table.putIfAbsent(testItem(accountId, t))) return new Stored<>(t, true);
        return new Stored<>(getTest(accountId, testId).orElseThrow(), false);
    }

    /** Replaces a test's status and session (the simulation's cursor). */
    public PersonaTest saveTest(String accountId, PersonaTest test) {
        PersonaTest t = new PersonaTest(test.testId(), TestIds.runId(test.testId()), TestIds.personaId(test.testId()),
                test.status(), test.session(), table.now().toString());
        table.put(testItem(accountId, t));
        return t;
    }

    /**
     * Saves a test's session after step {@code stepIndex - 1} ran, only if the stored session is behind
     * that step: two invocations of the same step (a Lambda retry racing the original) can then
     * never move the session backwards or overwrite each other. False if the stored one is ahead.
     */
    public boolean advanceTest(String accountId, PersonaTest test, int stepIndex) {
        PersonaTest t = new PersonaTest(test.testId(), TestIds.runId(test.testId()), TestIds.personaId(test.testId()),
                test.status(), test.session(), table.now().toString());
        Map<String, AttributeValue> item = new java.util.HashMap<>(testItem(accountId, t));
        item.put("stepIndex", Table.n(stepIndex));
        return table.putIf(item, "attribute_not_exists(#si) OR #si < :si", Map.of("#si", "stepIndex"),
                Map.of(":si", Table.n(stepIndex)));
    }

    /** What a step reads before it runs: its test, its run and any interaction already recorded for the step. */
    public record StepState(Optional<PersonaTest> test, Optional<RunRecord> run, Optional<Interaction> interaction) {
    }

    /**
     * {@link #getTest}, {@link #get} and {@link #getInteraction} in one round trip (a strongly consistent
     * BatchGetItem: the three items share the run's partition; unprocessed keys are asked again).
     */
    public StepState stepState(String accountId, String testId, int stepIndex) {
        String pk = Keys.runPk(accountId, TestIds.runId(testId));
        String testSk = Keys.testSk(TestIds.key(testId));
        String interactionSk = Keys.interactionSk(TestIds.key(testId), stepIndex);
        Map<String, Map<String, AttributeValue>> bySk = new java.util.HashMap<>();
        for (Map<String, AttributeValue> i : table.getAll(List.of(Table.key(pk, testSk), Table.key(pk, Keys.RUN_SK),
                Table.key(pk, interactionSk)))) {
            bySk.put(Table.str(i, Keys.SK), i);
        }
        return new StepState(Optional.ofNullable(bySk.get(testSk)).map(RunRepository::test),
                Optional.ofNullable(bySk.get(Keys.RUN_SK)).map(RunRepository::run),
                Optional.ofNullable(bySk.get(interactionSk)).map(RunRepository::interaction));
    }

    public Optional<PersonaTest> getTest(String accountId, String testId) {
        return table.get(Keys.runPk(accountId, TestIds.runId(testId)), Keys.testSk(TestIds.key(testId)))
                .map(RunRepository::test);
    }

    public List<PersonaTest> tests(String accountId, String runId) {
        return table.queryAll(Keys.runPk(accountId, runId), Keys.TEST_PREFIX).stream().map(RunRepository::test)
                .toList();
    }

    private Map<String, AttributeValue> testItem(String accountId, PersonaTest t) {
        return Item.of(Keys.runPk(accountId, t.runId()), Keys.testSk(TestIds.key(t.testId())), "test", accountId)
                .s("testId", t.testId()).s("runId", t.runId()).s("personaId", t.personaId())
                .s("status", t.status()).s("session", t.session()).s("updatedAt", t.updatedAt())
                .n(Table.EXPIRES_AT, table.expiresAt(walkRetention(t.testId())))
                .build();
    }

    // ---- interactions

    /**
     * Records the interaction of a step, once: written with attribute_not_exists, so a retried
     * step never duplicates it; the retry gets the stored one back (created false), not its own.
     */
    public Stored<Interaction> putInteraction(String accountId, String testId, int stepIndex, String document) {
        String runId = TestIds.runId(testId);
        String testKey = TestIds.key(testId);
        Interaction in = new Interaction(testId, stepIndex, document, table.now().toString());
        Map<String, AttributeValue> item = Item.of(Keys.runPk(accountId, runId),
                        Keys.interactionSk(testKey, stepIndex), "interaction", accountId)
                .s("testId", testId).n("stepIndex", stepIndex).s("doc", document).s("createdAt", in.createdAt())
                .n(Table.EXPIRES_AT, table.expiresAt(walkRetention(testId)))
                .build();
        if (table.putIfAbsent(item)) return new Stored<>(in, true);
        return new Stored<>(getInteraction(accountId, testId, stepIndex).orElseThrow(), false);
    }

    /** Walk 0 of each persona is always kept (it is its path's representative); later walks until a report keeps them. */
    private Duration walkRetention(String testId) {
        return TestIds.walk(testId) == 0 || retention.compareTo(IN_FLIGHT) <= 0 ? retention : IN_FLIGHT;
    }

    /**
     * Keeps one walk as long as its run: its test item and the interactions at {@code stepIndexes} get the run's
     * retention. Walk 0 already has it. Returns the items extended (a retry extends none).
     */
    public int keepWalk(String accountId, String testId, List<Integer> stepIndexes) {
        if (walkRetention(testId).equals(retention)) return 0;
        String pk = Keys.runPk(accountId, TestIds.runId(testId));
        long until = table.expiresAt(retention);
        int n = table.extendExpiry(pk, Keys.testSk(TestIds.key(testId)), until) ? 1 : 0;
        for (int step : stepIndexes) {
            if (table.extendExpiry(pk, Keys.interactionSk(TestIds.key(testId), step), until)) n++;
        }
        return n;
    }

    public Optional<Interaction> getInteraction(String accountId, String testId, int stepIndex) {
        return table.get(Keys.runPk(accountId, TestIds.runId(testId)),
                Keys.interactionSk(TestIds.key(testId), stepIndex)).map(RunRepository::interaction);
    }

    /**
     * A run's interactions, by persona then step; {@code testId} null for all tests of the run,
     * or one test's only.
     */
    public Page<Interaction> interactions(String accountId, String runId, String testId, int limit, String token) {
        String prefix = testId == null ? Keys.INTERACTION_PREFIX : Keys.interactionPrefix(TestIds.key(testId));
        if (testId != null && !TestIds.runId(testId).equals(runId)) return new Page<>(List.of(), null);
        return table.query(Keys.runPk(accountId, runId), prefix, limit, token, true).map(RunRepository::interaction);
    }

    // ---- the run's plan (written with the run by the API, read by LoadRun, NextLook and GenerateReport)

    /** The run's plan as one JSON document ({"runs": "auto", "expectations": [...]}); written before the run. */
    public void putPlan(String accountId, String runId, String document) {
        putRunDocument(accountId, runId, Keys.PLAN_SK, "plan", document);
    }

    /** The run's plan; empty for a run requested with a fixed number of walks and no expectations. */
    public Optional<String> plan(String accountId, String runId) {
        return runDocument(accountId, runId, Keys.PLAN_SK);
    }

    /**
     * Raises a RUNNING run's walks per persona to {@code walks} (the next look of a {@code runs: auto} run).
     * Idempotent: a retried step that asks for the walks the run already has changes nothing; walks never shrink.
     */
    public RunRecord growWalks(String accountId, String runId, int walks) {
        try {
            UpdateItemResponse r = table.client().updateItem(b -> b.tableName(table.name())
                    .key(Table.key(Keys.runPk(accountId, runId), Keys.RUN_SK))
                    .updateExpression("SET walks = :w, updatedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND #st = :running AND walks <= :w")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":w", AttributeValue.fromN(Integer.toString(walks)),
                            ":running", Table.s(RunStatus.RUNNING.name()), ":now", Table.s(table.now().toString())))
                    .returnValues(ReturnValue.ALL_NEW));
            return run(r.attributes());
        } catch (ConditionalCheckFailedException e) {
            RunRecord current = get(accountId, runId)
                    .orElseThrow(() -> new ConflictException("run " + runId + " does not exist"));
            throw new ConflictException("run " + runId + " is " + current.status() + " with " + current.walks()
                    + " walks; cannot grow it to " + walks);
        }
    }

    // ---- LLM message analyses (written by ValidateMessages, read by GenerateReport)

    /** The run's message analyses as one JSON document; a retried ValidateMessages overwrites it. */
    public void putAnalyses(String accountId, String runId, String document) {
        putRunDocument(accountId, runId, Keys.ANALYSES_SK, "analyses", document);
    }

    public Optional<String> analyses(String accountId, String runId) {
        return runDocument(accountId, runId, Keys.ANALYSES_SK);
    }

    /** One JSON document of the run under {@code sk}, kept as long as the run; a retried write overwrites it. */
    private void putRunDocument(String accountId, String runId, String sk, String type, String document) {
        table.put(Item.of(Keys.runPk(accountId, runId), sk, type, accountId)
                .s("runId", runId).s("doc", document).s("createdAt", table.now().toString())
                .n(Table.EXPIRES_AT, table.expiresAt(retention)).build());
    }

    private Optional<String> runDocument(String accountId, String runId, String sk) {
        return table.get(Keys.runPk(accountId, runId), sk).map(i -> Table.str(i, "doc"));
    }

    // ---- report

    /** Writes the run's report (a retried GenerateReport overwrites it with the same document). */
    public Report putReport(String accountId, String runId, String document) {
        Report r = new Report(runId, document, table.now().toString());
        table.put(Item.of(Keys.runPk(accountId, runId), Keys.REPORT_SK, "report", accountId)
                .s("runId", runId).s("doc", document).s("createdAt", r.createdAt())
                .n(Table.EXPIRES_AT, table.expiresAt(retention)).build());
        return r;
    }

    public Optional<Report> report(String accountId, String runId) {
        return table.get(Keys.runPk(accountId, runId), Keys.REPORT_SK)
                .map(i -> new Report(Table.str(i, "runId"), Table.str(i, "doc"), Table.str(i, "createdAt")));
    }

    private static RunRecord run(Map<String, AttributeValue> i) {
        return new RunRecord(Table.str(i, "runId"), Table.str(i, "accountId"), Table.str(i, "workflowId"),
                (int) Table.num(i, "workflowVersion", 0), Table.strList(i, "personaIds"), Table.num(i, "seed", 0),
                RunStatus.valueOf(Table.str(i, "status")), Table.str(i, "error"), Table.str(i, "createdAt"),
                Table.str(i, "updatedAt"), (int) Table.num(i, "walks", 1), Table.str(i, "verdict"));
    }

    private static PersonaTest test(Map<String, AttributeValue> i) {
        return new PersonaTest(Table.str(i, "testId"), Table.str(i, "runId"), Table.str(i, "personaId"),
                Table.str(i, "status"), Table.str(i, "session"), Table.str(i, "updatedAt"));
    }

    private static Interaction interaction(Map<String, AttributeValue> i) {
        return new Interaction(Table.str(i, "testId"), (int) Table.num(i, "stepIndex", -1), Table.str(i, "doc"),
                Table.str(i, "createdAt"));
    }
}
