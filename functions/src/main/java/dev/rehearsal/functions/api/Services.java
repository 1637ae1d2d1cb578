package dev.rehearsal.functions.api;

import dev.rehearsal.functions.snapstart.ApiPriming;
import dev.rehearsal.functions.snapstart.SnapStartPriming;
import dev.rehearsal.functions.run.RunAdmission;
import dev.rehearsal.functions.run.RunStarter;
import dev.rehearsal.functions.run.StepFunctionsRunStarter;
import dev.rehearsal.store.DynamoDbClients;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;

/**
 * What the handlers need, built once per container from the environment ({@code TABLE_NAME},
 * {@code STATE_MACHINE_ARN}, optional {@code DYNAMODB_ENDPOINT}, the limits of {@link RunAdmission.Settings}) at class-init time of the first
 * handler, so SnapStart snapshots it. Tests construct handlers with their own instead.
 */
public record Services(Store store, RunStarter runStarter, RunAdmission admission) {

    /** Without per-account limits (tests, and `rehearse serve`, which serves one developer). */
    public Services(Store store, RunStarter runStarter) {
        this(store, runStarter, RunAdmission.unlimited(store));
    }

    public static Services fromEnvironment() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Services INSTANCE = build();

        private static Services build() {
            Store store = Store.over(Table.fromEnvironment(DynamoDbClients.fromEnvironment()),
                    dev.rehearsal.store.Retention.fromEnvironment(System.getenv()));
            RunStarter starter;
            String arn = System.getenv(StepFunctionsRunStarter.STATE_MACHINE_ARN_ENV);
            if (arn != null && !arn.isBlank()) {
                starter = StepFunctionsRunStarter.fromEnvironment();
            } else {
                starter = run -> {
                    throw new IllegalStateException(StepFunctionsRunStarter.STATE_MACHINE_ARN_ENV + " is not set");
                };
            }
            Services services = new Services(store, starter, new RunAdmission(store,
                    RunAdmission.Settings.fromEnvironment(System.getenv()), java.time.Clock.systemUTC()));
            SnapStartPriming.register(() -> ApiPriming.run(services));
            SnapStartPriming.register(services.admission()::prime);
            return services;
        }
    }
}
