package dev.rehearsal.functions.snapstart;

import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * SnapStart priming. The cold-start benchmark showed our first event costing 3x the SDK's first
 * request: class loading and first use of the parser, validators, simulator and JSON mapping. A
 * SnapStart snapshot is taken after init, so this runs those paths in memory before the checkpoint
 * (plus one read of the table, which primes the SDK's request pipeline), and a restored function
 * starts with them loaded. Nothing is written anywhere.
 */
public final class SnapStartPriming implements Resource {
    /** CRaC keeps only weak references to resources: this static one keeps it alive. */
    private static final SnapStartPriming INSTANCE = new SnapStartPriming();
    private static final List<Runnable> EXTRA = new CopyOnWriteArrayList<>();
    private static volatile boolean registered;

    /** A small workflow that touches every step type the hot paths handle. */
    static final String WORKFLOW = """
            {"id":"priming","name":"Priming","start":"sms","settings":{"postal_address":"1 Main St, Austin, TX"},"steps":[
             {"id":"sms","type":"send_sms","config":{"body":"Hi {{contact.first_name | default: \\"there\\"}}, want a free consult? Reply STOP to opt out."},"next":"wait"},
             {"id":"wait","type":"wait_for_reply","config":{"timeout":"1d"},"on_reply":"route","on_timeout":"later"},
             {"id":"route","type":"condition","branches":[
                {"when":{"opted_out":true},"next":"done"},
                {"when":{"any":[{"reply_intent":["interested","ready_to_buy"]},{"reply_contains":["yes"]}]},"next":"tag"}],
              "default":"note"},
             {"id":"tag","type":"add_tag","config":{"tag":"hot"},"next":"won"},
             {"id":"won","type":"goal","config":{"goal":"booked"},"next":"done"},
             {"id":"note","type":"notify_team","config":{"message":"{{contact.first_name}} replied"},"next":"done"},
             {"id":"later","type":"delay","config":{"until":"10:00"},"next":"mail"},
             {"id":"mail","type":"send_email","config":{"subject":"Still interested?","body":"Book here: https://x.example.com/book\\n1 Main St, Austin, TX\\nUnsubscribe: https://x.example.com/u"},"next":"done"},
             {"id":"done","type":"end"}]}
            """;

    private SnapStartPriming() {
    }

    /** Registers priming (once per container) with an extra warm-up such as one table read. */
    public static synchronized void register(Runnable extra) {
        if (extra != null) EXTRA.add(extra);
        if (!registered) {
            Core.getGlobalContext().register(INSTANCE);
            registered = true;
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        runForCheckpoint();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: clients re-resolve credentials and connections on their own.
    }

    /** What the checkpoint runs; public so the cold-start benchmark can simulate a restored container. */
    public static void runForCheckpoint() {
        prime();
        for (Runnable r : EXTRA) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // Priming must never stop a deployment; the first real event just pays the cost instead.
            }
        }
    }

    /** The engine's hot paths, in memory: parse, validate, simulate, report, serialise. */
    public static Report prime() {
        Workflow wf = WorkflowParser.parseOrThrow(WORKFLOW);
        OfflinePersonaEngine engine = new OfflinePersonaEngine();
        List<SimulationRunner.PersonaRun> runs = new ArrayList<>();
        for (String id : List.of("eager-eddie", "cold-carl", "busy-bob")) {
            Persona p = PersonaCatalog.builtIn(id).orElseThrow();
            SimulationRunner.PersonaRun run = SimulationRunner.run(wf, p, engine, SimulationOptions.defaults(1));
            Json.write(run.session());
            run.interactions().forEach(Json::write);
            // the step handlers' own readers and writers (ExecuteStep stores sessions and interactions with them)
            try {
                dev.rehearsal.engine.codec.SessionCodec.read(dev.rehearsal.engine.codec.SessionCodec.write(run.session()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            run.interactions().forEach(dev.rehearsal.engine.codec.InteractionCodec::write);
            runs.add(run);
        }
        Report r = Rehearsal.report(wf, new Report.RunInfo(1, SimulationOptions.DEFAULT_START.toString(), engine.name(),
                runs.stream().map(x -> x.persona().id()).toList()), runs, List.of(), List.of(), null);
        Json.write(r);
        return r;
    }
}
