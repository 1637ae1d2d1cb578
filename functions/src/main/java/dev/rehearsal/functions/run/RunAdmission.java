package dev.rehearsal.functions.run;

import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.functions.http.RetryLaterException;
import dev.rehearsal.providers.ProviderConfig;
import dev.rehearsal.providers.ProviderKind;
import dev.rehearsal.providers.cost.CostEstimate;
import dev.rehearsal.providers.cost.Estimator;
import dev.rehearsal.store.AccountLimitsRepository;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.RunStatus;
import dev.rehearsal.store.Store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Whether an account may start one more run (docs/SECURITY.md, Limits): at most {@code maxActiveRuns}
 * RUNNING at once (a slot per run, released when the run finishes), and, with an LLM provider, no more
 * than {@code dailyBudgetUsd} of estimated LLM spend started per UTC day. Either refusal is a 429 with
 * Retry-After, and leaves nothing written.
 */
public final class RunAdmission {
    public static final String MAX_ACTIVE_RUNS_ENV = "MAX_ACTIVE_RUNS";
    public static final String DAILY_BUDGET_ENV = "DAILY_LLM_BUDGET_USD";
    /** A run still holding a slot after this long is presumed lost (its execution died uncaught) and freed. */
    static final Duration STALE_RUN = Duration.ofHours(24);
    static final long RETRY_ACTIVE_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(RunAdmission.class.getName());

    /** {@code provider} null: runs cost nothing (the offline engine). */
    public record Settings(int maxActiveRuns, double dailyBudgetUsd, ProviderConfig provider) {
        public static final Settings UNLIMITED = new Settings(Integer.MAX_VALUE, Double.MAX_VALUE, null);

        /** From the API function's environment: MAX_ACTIVE_RUNS, DAILY_LLM_BUDGET_USD, PROVIDER, PROVIDER_MODEL. */
        public static Settings fromEnvironment(Map<String, String> env) {
            int cap = (int) number(env, MAX_ACTIVE_RUNS_ENV, 3);
            double budget = number(env, DAILY_BUDGET_ENV, 10);
            Map<String, String> mapped = new HashMap<>();
            if (env.get("PROVIDER") != null) mapped.put(ProviderConfig.ENV.get("provider"), env.get("PROVIDER"));
            if (env.get("PROVIDER_MODEL") != null) mapped.put(ProviderConfig.ENV.get("model"), env.get("PROVIDER_MODEL"));
            if (env.get("PROVIDER_CALIBRATION") != null) {
                mapped.put(ProviderConfig.ENV.get("calibration"), env.get("PROVIDER_CALIBRATION"));
            }
            java.nio.file.Path prices = dev.rehearsal.functions.llm.LambdaPrices.file(env);
            if (prices != null) mapped.put(ProviderConfig.ENV.get("price-file"), prices.toString());
            ProviderConfig config = ProviderConfig.resolve(mapped, Map.of());
            return new Settings(cap, budget, config.provider() == ProviderKind.OFFLINE ? null : config);
        }

        private static double number(Map<String, String> env, String key, double dflt) {
            String v = env.get(key);
            if (v == null || v.isBlank()) return dflt;
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(key + " must be a number, not '" + v + "'");
            }
        }
    }

    private final Store store;
    private final AccountLimitsRepository limits;
    private final Settings settings;
    private final Clock clock;

    public RunAdmission(Store store, Settings settings, Clock clock) {
        this.store = store;
        this.limits = store.limits();
        this.settings = settings;
        this.clock = clock;
    }

    public static RunAdmission unlimited(Store store) {
        return new RunAdmission(store, Settings.UNLIMITED, Clock.systemUTC());
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Takes a run slot and reserves the run's estimated LLM dollars, or refuses with 429. Call before the
     * run is recorded; a retried start of the same run id is admitted without being counted twice.
     */
    public void admit(String accountId, String runId, Workflow workflow, List<Persona> personas, long seed) {
        admit(accountId, runId, workflow, personas, seed, 1);
    }

    /** As above for a run whose personas each walk the workflow {@code walks} times (the estimate times walks). */
    public void admit(String accountId, String runId, Workflow workflow, List<Persona> personas, long seed, int walks) {
        if (settings.maxActiveRuns() == Integer.MAX_VALUE && settings.provider() == null) return;
        if (!limits.acquireRunSlot(accountId, runId, settings.maxActiveRuns())) {
            reclaimFinishedRuns(accountId);
            if (!limits.acquireRunSlot(accountId, runId, settings.maxActiveRuns())) {
                throw new RetryLaterException("too_many_active_runs", "account already has "
                        + settings.maxActiveRuns() + " test run(s) running, the most it may have at once; "
                        + "retry when one finishes (GET /tests/{runId} shows its status)", RETRY_ACTIVE_SECONDS);
            }
        }
        try {
            reserveBudget(accountId, runId, workflow, personas, seed, walks);
        } catch (RuntimeException e) {
            limits.rollbackRunSlot(accountId, runId);
            throw e;
        }
    }

    /**
     * Loads the estimator's tokenizer and price table (several seconds in a cold JVM) by pricing a one-message
     * workflow; SnapStart priming calls it so restored containers start warm. Writes nothing.
     */
    public void prime() {
        if (settings.provider() == null) return;
        Workflow wf = dev.rehearsal.engine.workflow.WorkflowParser.parseOrThrow("""
                {"id": "priming", "name": "Priming", "start": "hello",
                 "steps": [{"id": "hello", "type": "send_sms", "config": {"body": "Hi! Reply STOP to opt out."}, "next": "done"},
                           {"id": "done", "type": "end"}]}""");
        estimate(wf, dev.rehearsal.engine.persona.PersonaCatalog.builtIns().subList(0, 1), 1);
    }

    private CostEstimate estimate(Workflow workflow, List<Persona> personas, long seed) {
        return Estimator.estimate(Estimator.offlinePaths(workflow, personas, SimulationOptions.defaults(seed)),
                dev.rehearsal.engine.Rehearsal.messages(workflow), settings.provider(), workflow.settings());
    }

    private void reserveBudget(String accountId, String runId, Workflow workflow, List<Persona> personas, long seed,
                               int walks) {
        if (settings.provider() == null) return;
        CostEstimate estimate = estimate(workflow, personas, seed);
        if (!estimate.priced()) {
            LOG.warning("model " + settings.provider().model() + " is not in the price table: run " + runId
                    + " is not counted against the daily LLM budget");
            return;
        }
        long micros = Math.round(estimate.dollars() * walks * 1_000_000);
        long budget = settings.dailyBudgetUsd() >= Long.MAX_VALUE / 1_000_000.0 ? Long.MAX_VALUE
                : Math.round(settings.dailyBudgetUsd() * 1_000_000);
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        AccountLimitsRepository.Spend spend = limits.reserveSpend(accountId, runId, day, micros, budget);
        if (!spend.granted()) {
            long untilMidnight = Duration.between(now, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()).toSeconds();
            throw new RetryLaterException("llm_budget_exceeded", String.format(Locale.ROOT,
                    "this run's LLM calls are estimated at $%.4f (%d calls on %s); with $%.4f already started today "
                            + "that passes the account's daily LLM budget of $%.2f (UTC day %s); test fewer personas, "
                            + "or retry after midnight UTC", estimate.dollars(), estimate.calls(),
                    settings.provider().model(), spend.reservedMicros() / 1e6, settings.dailyBudgetUsd(), day),
                    untilMidnight);
        }
    }

    /** Frees the slots of runs that are no longer RUNNING (or were lost long ago). */
    private void reclaimFinishedRuns(String accountId) {
        Instant staleBefore = clock.instant().minus(STALE_RUN);
        for (String id : limits.activeRuns(accountId)) {
            Optional<RunRecord> run = store.runs().get(accountId, id);
            boolean finished = run.isEmpty() || run.get().status() != RunStatus.RUNNING
                    || Instant.parse(run.get().createdAt()).isBefore(staleBefore);
            if (finished) limits.releaseRunSlot(accountId, id);
        }
    }
}
