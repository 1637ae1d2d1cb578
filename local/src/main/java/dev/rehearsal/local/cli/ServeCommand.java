package dev.rehearsal.local.cli;

import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.local.runtime.LocalApiServer;
import dev.rehearsal.local.runtime.LocalRuntime;
import dev.rehearsal.local.runtime.RunRecovery;
import dev.rehearsal.local.runtime.SamTemplate;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;
import dev.rehearsal.functions.llm.LlmJobs;
import dev.rehearsal.functions.steps.StepServices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code rehearse serve}: the template's HTTP API and state machine in one process, on embedded dynalite. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the HTTP API of template.yaml locally; test runs execute the state machine in-process.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--template", defaultValue = "template.yaml", description = "SAM template (default: ${DEFAULT-VALUE})")
    Path template;
    @Option(names = "--port", defaultValue = "3000", description = "Loopback port, 0 for any (default: ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--data", description = "Persist the local DynamoDB in this folder (default: in memory)")
    Path data;
    @Option(names = "--account", defaultValue = "local", description = "Account for requests without a token")
    String account;
    @Option(names = "--max-concurrency", defaultValue = "4")
    int maxConcurrency;
    @Option(names = "--run-timeout", description = "Fail a run not finished after this many seconds "
            + "(default: the state machine's TimeoutSeconds)")
    Long runTimeoutSeconds;
    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "LLM provider (default: the offline persona engine)%n")
    ProviderOptions provider = new ProviderOptions();

    /** A running local stack. */
    public record Stack(Dynalite dynalite, Store store, LocalRuntime runtime, LocalApiServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            runtime.close();
            dynalite.close();
        }
    }

    public static Stack startStack(Path template, int port, Path data, String account, int maxConcurrency) throws Exception {
        return startStack(template, port, data, account, maxConcurrency, null);
    }

    /** {@code llm} null: the offline engine answers; otherwise every account uses these LLM jobs. */
    public static Stack startStack(Path template, int port, Path data, String account, int maxConcurrency,
                                   java.util.function.Function<String, LlmJobs> llm) throws Exception {
        Dynalite d = Dynalite.start(data);
        TableAdmin.createTable(d.client(), "rehearsal-local");
        Store store = Store.over(new Table(d.client(), "rehearsal-local"));
        LocalRuntime rt = new LocalRuntime(SamTemplate.load(template),
                new StepServices(store, new OfflinePersonaEngine(), maxConcurrency, llm));
        return new Stack(d, store, rt, new LocalApiServer(rt, port, account));
    }

    @Override
    public Integer call() throws Exception {
        ProviderOptions.Jobs jobs = ProviderOptions.jobs(provider.config());
        LlmJobs llm = jobs.offline() ? null
                : new LlmJobs(jobs.responder(), jobs.bundle().analyst(), jobs.bundle().recommender());
        Stack s = startStack(template, port, data, account, maxConcurrency, llm == null ? null : a -> llm);
        Runtime.getRuntime().addShutdownHook(new Thread(s::close));
        if (runTimeoutSeconds != null) s.runtime().runTimeout(java.time.Duration.ofSeconds(runTimeoutSeconds));
        // Runs a killed server left RUNNING: resumed from their last persisted step (see RunRecovery).
        RunRecovery.Outcome recovered = RunRecovery.resumeInterrupted(s.store(), s.runtime());
        if (recovered.resumed() + recovered.failed() > 0) {
            System.out.println("rehearse serve: resumed " + recovered.resumed() + " interrupted run(s), failed "
                    + recovered.failed() + " interrupted too often");
        }
        System.out.println("rehearse serve: " + s.server().baseUrl() + " (" + s.runtime().template().routes().size()
                + " routes, DynamoDB " + (data == null ? "in memory" : data) + ", "
                + (jobs.offline() ? "offline persona engine" : jobs.responder().name()) + ")");
        new CountDownLatch(1).await();
        return Main.OK;
    }
}
