package dev.rehearsal.functions.steps;

import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.store.DynamoDbClients;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;

/**
 * What the step handlers need: the store and the persona responder. Built once per container at
 * class-init time (so SnapStart snapshots the initialised clients); tests pass their own.
 *
 * <p>The responder is the offline persona engine unless a provider is configured; the providers
 * module has no clients yet, so {@code PROVIDER} other than {@code offline} is refused loudly
 * rather than silently falling back.
 *
 * @param maxConcurrency personas simulated in parallel by the run's Map state ({@code MAX_CONCURRENCY}, default 4)
 */
public record StepServices(Store store, PersonaResponder responder, int maxConcurrency) {
    public static final String PROVIDER_ENV = "PROVIDER";
    public static final String MAX_CONCURRENCY_ENV = "MAX_CONCURRENCY";
    public static final int DEFAULT_MAX_CONCURRENCY = 4;

    public StepServices {
        if (maxConcurrency < 1) throw new IllegalArgumentException("maxConcurrency must be >= 1");
    }

    public StepServices(Store store, PersonaResponder responder) {
        this(store, responder, DEFAULT_MAX_CONCURRENCY);
    }

    public static StepServices fromEnvironment() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final StepServices INSTANCE = build();

        private static StepServices build() {
            Store store = Store.over(Table.fromEnvironment(DynamoDbClients.fromEnvironment()));
            String provider = System.getenv(PROVIDER_ENV);
            if (provider != null && !provider.isBlank() && !provider.equals("offline")) {
                throw new IllegalStateException("PROVIDER=" + provider + " is not available in this build (offline only)");
            }
            String mc = System.getenv(MAX_CONCURRENCY_ENV);
            int max = mc == null || mc.isBlank() ? DEFAULT_MAX_CONCURRENCY : Integer.parseInt(mc.trim());
            return new StepServices(store, new OfflinePersonaEngine(), max);
        }
    }
}
