package dev.rehearsal.functions.steps;

import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.workflow.WorkflowSettings;
import dev.rehearsal.providers.ProviderBundle;
import dev.rehearsal.store.DynamoDbClients;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.functions.llm.LlmJobs;
import dev.rehearsal.functions.llm.LlmJobsFactory;
import dev.rehearsal.functions.snapstart.SnapStartPriming;

import java.util.function.Function;

/**
 * What the step handlers need: the store and the persona responder. Built once per container at
 * class-init time (so SnapStart snapshots the initialised clients); tests pass their own.
 *
 * <p>The responder is the offline persona engine unless {@code PROVIDER} names an LLM provider
 * ({@link LlmJobsFactory}); then each account gets its own LLM jobs and replay cache.
 *
 * @param maxConcurrency personas simulated in parallel by the run's Map state ({@code MAX_CONCURRENCY}, default 4)
 */
public record StepServices(Store store, PersonaResponder responder, int maxConcurrency,
                           Function<String, LlmJobs> llm) {
    public static final String MAX_CONCURRENCY_ENV = "MAX_CONCURRENCY";
    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    public StepServices {
        if (maxConcurrency < 1) throw new IllegalArgumentException("maxConcurrency must be >= 1");
    }

    public StepServices(Store store, PersonaResponder responder) {
        this(store, responder, DEFAULT_MAX_CONCURRENCY, null);
    }

    public StepServices(Store store, PersonaResponder responder, int maxConcurrency) {
        this(store, responder, maxConcurrency, null);
    }

    /** The account's LLM jobs, or null when the offline engine answers and no LLM analyses. */
    public LlmJobs llmFor(String accountId) {
        return llm == null ? null : llm.apply(accountId);
    }

    /**
     * Who reads this workflow's replies in AWS: the LLM classification job when the workflow's
     * {@code settings.reply_classifier} is {@code llm} and the function has a provider, else the code rules.
     */
    public ReplyClassifier classifierFor(String accountId, WorkflowSettings settings) {
        LlmJobs jobs = llmFor(accountId);
        return ProviderBundle.choose(null, settings, jobs == null ? null : jobs.replyClassifier());
    }

    /**
     * True when the offline engine answers every walk: no LLM provider is configured. Decided without
     * building any provider client (LoadRun picks the walking path with it).
     */
    public boolean offline() {
        return llm == null && responder instanceof OfflinePersonaEngine;
    }

    public PersonaResponder responderFor(String accountId) {
        LlmJobs jobs = llmFor(accountId);
        return jobs == null ? responder : jobs.responder();
    }

    public static StepServices fromEnvironment() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final StepServices INSTANCE = build();

        private static StepServices build() {
            Table table = Table.fromEnvironment(DynamoDbClients.fromEnvironment());
            Store store = Store.over(table, dev.rehearsal.store.Retention.fromEnvironment(System.getenv()));
            String mc = System.getenv(MAX_CONCURRENCY_ENV);
            int max = mc == null || mc.isBlank() ? DEFAULT_MAX_CONCURRENCY : Integer.parseInt(mc.trim());
            SnapStartPriming.register(() -> table.get("PRIMING", "PRIMING"));
            return new StepServices(store, new OfflinePersonaEngine(), max,
                    LlmJobsFactory.fromEnvironment(System.getenv(), store.replayCache(), LlmJobsFactory.ssm()));
        }
    }
}
