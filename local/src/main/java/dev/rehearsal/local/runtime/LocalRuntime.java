package dev.rehearsal.local.runtime;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.functions.api.ApiHandlerBase;
import dev.rehearsal.functions.api.Services;
import dev.rehearsal.functions.reconcile.ReconcileRun;
import dev.rehearsal.functions.run.RunRef;
import dev.rehearsal.functions.run.RunStarter;
import dev.rehearsal.functions.steps.StepHandler;
import dev.rehearsal.functions.steps.StepServices;
import dev.rehearsal.local.asl.Execution;
import dev.rehearsal.local.asl.ExecutorOptions;
import dev.rehearsal.local.asl.LocalExecutor;
import dev.rehearsal.local.asl.StateMachine;
import dev.rehearsal.local.asl.TaskFailure;
import dev.rehearsal.local.asl.TaskRegistry;
import dev.rehearsal.local.asl.VirtualClock;
import dev.rehearsal.store.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AWS deployment in one process: every function of {@code template.yaml} instantiated from its
 * Handler class with local dependencies, every DefinitionSubstitution mapped to its function in a
 * {@link TaskRegistry}, the state machine run on the {@link LocalExecutor} (virtual clock: Retry
 * backoff never sleeps for real), and a {@link RunStarter} that starts executions asynchronously.
 */
public final class LocalRuntime implements AutoCloseable {
    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    private final SamTemplate template;
    private final StepServices stepServices;
    private final Services services;
    private final Map<String, Object> handlers = new LinkedHashMap<>();
    private final TaskRegistry registry = new TaskRegistry();
    private final StateMachine machine;
    private final LocalExecutor executor;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final RunWatch watch;

    public LocalRuntime(SamTemplate template, Store store, PersonaResponder responder, int maxConcurrency) {
        this(template, new StepServices(store, responder, maxConcurrency, null));
    }

    /** With the step services given whole, e.g. with LLM jobs per account ({@code rehearse serve --provider}). */
    public LocalRuntime(SamTemplate template, StepServices stepServices) {
        Store store = stepServices.store();
        this.template = template;
        this.stepServices = stepServices;
        this.services = new Services(store, starter());
        for (SamTemplate.FunctionDef f : template.functions().values()) handlers.put(f.logicalId(), instantiate(f));
        if (template.stateMachines().size() != 1) {
            throw new IllegalStateException("expected one state machine in the template, found " + template.stateMachines().keySet());
        }
        SamTemplate.StateMachineDef sm = template.stateMachines().values().iterator().next();
        Map<String, String> subs = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : sm.substitutions().entrySet()) {
            String fn = e.getValue();
            Object h = fn == null ? null : handlers.get(fn);
            if (!(h instanceof StepHandler step)) {
                throw new IllegalStateException("substitution " + e.getKey() + " names " + fn + ", not a step function");
            }
            String arn = functionArn(fn);
            subs.put(e.getKey(), arn);
            registry.register(arn, (in, ctx) -> invoke(step, in));
        }
        try {
            machine = StateMachine.parse(Files.readString(sm.definition()), subs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = new LocalExecutor(registry, new VirtualClock(Instant.parse("2026-03-02T10:00:00Z")),
                ExecutorOptions.defaults());
        ReconcileRun reconciler = handlers.values().stream().filter(ReconcileRun.class::isInstance)
                .map(ReconcileRun.class::cast).findFirst().orElseGet(() -> new ReconcileRun(stepServices));
        // The definition's TimeoutSeconds, in real time here (the executor's clock is virtual).
        Duration timeout = Duration.ofSeconds(machine.timeoutSeconds() == null ? DEFAULT_RUN_TIMEOUT_S : machine.timeoutSeconds());
        watch = new RunWatch(store, reconciler, "arn:aws:states:" + REGION + ":" + ACCOUNT + ":stateMachine:"
                + sm.logicalId(), timeout);
    }

    static final long DEFAULT_RUN_TIMEOUT_S = 6 * 3600;

    /** How long a run may take before it is FAILED {@code timed_out} (default: the definition's TimeoutSeconds). */
    public void runTimeout(Duration timeout) {
        watch.runTimeout(timeout);
    }

    public static String functionArn(String logicalId) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + logicalId + ":live";
    }

    static JsonNode invoke(StepHandler step, JsonNode in) throws TaskFailure {
        try {
            return step.handle(in);
        } catch (RuntimeException | Error e) {
            // As the Lambda Java runtime reports an uncaught throwable: the fully qualified class name is the
            // Error, and the Cause is a JSON document with errorMessage and errorType.
            String cause = dev.rehearsal.engine.json.Json.write(java.util.Map.of(
                    "errorMessage", String.valueOf(e.getMessage()), "errorType", e.getClass().getName()));
            throw new TaskFailure(e.getClass().getName(), cause);
        }
    }

    private Object instantiate(SamTemplate.FunctionDef f) {
        try {
            Class<?> c = Class.forName(f.handlerClass());
            for (Constructor<?> k : c.getConstructors()) {
                if (k.getParameterCount() != 1) continue;
                Class<?> p = k.getParameterTypes()[0];
                if (p == StepServices.class) return k.newInstance(stepServices);
                if (p == Services.class) return k.newInstance(services);
            }
            throw new IllegalStateException(f.handlerClass() + " has no constructor taking StepServices or Services");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + f.logicalId() + " (" + f.handler() + ")", e);
        }
    }

    private RunStarter starter() {
        return new RunStarter() {
            @Override
            public void start(RunRef run) {
                Execution e = executions.computeIfAbsent(run.runId(), id -> executor.startAsync(machine, Json.tree(run), id));
                watch.watch(run, e);
            }

            @Override
            public void stop(RunRef run) {
                Execution e = executions.get(run.runId());
                if (e != null) e.stop();
            }
        };
    }

    public SamTemplate template() {
        return template;
    }

    public Services services() {
        return services;
    }

    public StepServices stepServices() {
        return stepServices;
    }

    public TaskRegistry registry() {
        return registry;
    }

    public StateMachine stateMachine() {
        return machine;
    }

    public Object handler(String logicalId) {
        return handlers.get(logicalId);
    }

    /** Starts (or finds) the run's execution, as StartTestRun does through the RunStarter. */
    public Execution start(RunRef run) {
        services.runStarter().start(run);
        return executions.get(run.runId());
    }

    public Execution execution(String runId) {
        return executions.get(runId);
    }

    /** Invokes the API function that serves a route of the template. */
    public APIGatewayV2HTTPResponse invokeApi(SamTemplate.FunctionDef f, APIGatewayV2HTTPEvent event) {
        return ((ApiHandlerBase) handlers.get(f.logicalId())).handle(event);
    }

    @Override
    public void close() {
        watch.close();
        executor.close();
    }
}
