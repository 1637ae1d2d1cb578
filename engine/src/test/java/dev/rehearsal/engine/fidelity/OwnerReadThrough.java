package dev.rehearsal.engine.fidelity;

import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Prints what each built-in persona answered in the three owner workflows under
 * {@code engine/src/test/resources/owners/} (a roofer, a physiotherapy clinic, a bike shop, written
 * after the tuning and never tuned on), the first 20 replies per persona, for a person to read as the
 * business owner would. Not a test: reading is the point. Run:
 * <pre>
 * mvn -q -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.rehearsal.engine.fidelity.OwnerReadThrough
 * </pre>
 */
public final class OwnerReadThrough {
    private OwnerReadThrough() {
    }

    public static void main(String[] args) throws Exception {
        Path owners = dev.rehearsal.engine.TestWorkflows.examples().getParent().resolve("engine/src/test/resources/owners");
        OfflinePersonaEngine engine = new OfflinePersonaEngine();
        for (String name : List.of("keystone-roofing", "harbor-physio", "two-wheel-bikes")) {
            var suite = Json.mapper().readTree(owners.resolve(name + ".suite.json").toFile());
            Workflow wf = WorkflowParser.parseOrThrow(Files.readString(owners.resolve(suite.path("workflow").asText())));
            LocalDateTime start = LocalDateTime.parse(suite.path("start_at").asText());
            System.out.println("\n## " + wf.name());
            for (Persona p : PersonaCatalog.builtIns()) {
                System.out.println("\n### " + p.name());
                int shown = 0;
                for (long seed = 1; seed <= 200 && shown < 20; seed++) {
                    var run = SimulationRunner.run(wf, p, engine, SimulationOptions.defaults(seed).withStart(start));
                    for (Interaction i : run.interactions()) {
                        if (shown >= 20 || i.reply() == null || !i.reply().replied() || i.message() == null) continue;
                        String body = i.message().body().replace('\n', ' ');
                        System.out.println("- [" + i.stepId() + ", " + i.reply().intent().wire() + "] "
                                + body.substring(0, Math.min(70, body.length())) + "... => " + i.reply().response());
                        shown++;
                    }
                }
            }
        }
    }
}
