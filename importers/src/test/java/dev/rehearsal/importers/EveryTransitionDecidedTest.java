package dev.rehearsal.importers;

import dev.rehearsal.engine.Rehearsal;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.report.Report;
import dev.rehearsal.engine.report.TransitionStatus;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every workflow file the project ships or tests with (examples/, the importers' fixtures and the real
 * Twilio Studio flows in shared/external-flows, read in place) ends a default rehearsal with every
 * transition covered, witnessed or unreachable: none left unknown by the branch hunt's budget.
 */
class EveryTransitionDecidedTest {

    @Test
    void noTransitionIsUnknownOnAnyShippedOrTestedWorkflow() throws IOException {
        Map<String, Workflow> all = workflows();
        // The two real flows are read in place from shared/ beside the repository; like the importers' other tests,
        // a checkout without it still checks every example and fixture.
        int expected = ExternalFlows.locate() == null ? 7 : 9;
        assertTrue(all.size() >= expected, () -> "expected the 4+ examples, 3 fixtures" + (expected == 9 ? " and 2 real flows" : "")
                + "; found " + all.keySet());
        List<String> unknown = new ArrayList<>();
        for (var e : all.entrySet()) {
            Report r = Rehearsal.run(new Rehearsal.Spec(e.getValue(), PersonaCatalog.builtIns(), new OfflinePersonaEngine(),
                    SimulationOptions.defaults(SimulationOptions.DEFAULT_SEED), List.of(), null, null, null));
            assertEquals(e.getValue().steps().stream().mapToInt(s -> s.transitions().size()).sum(), r.coverage().statuses().size(),
                    e.getKey() + ": every transition has a status");
            r.coverage().statuses().stream().filter(t -> t.status() == TransitionStatus.Status.UNKNOWN)
                    .forEach(t -> unknown.add(e.getKey() + ": " + t.transition()));
        }
        assertEquals(List.of(), unknown);
    }

    static Map<String, Workflow> workflows() throws IOException {
        Map<String, Workflow> out = new LinkedHashMap<>();
        Path examples = dir("examples");
        try (Stream<Path> files = Files.list(examples)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".workflow.json")).sorted().toList()) {
                out.put("examples/" + p.getFileName(), WorkflowParser.parseOrThrow(Files.readString(p)));
            }
        }
        for (String fixture : List.of("/twilio/roofer-intake.json", "/mautic/physio-reactivation.json", "/klaviyo/pet-shop-welcome.json")) {
            out.put("fixture " + fixture, Importers.fromText(null, ExternalFlows.resource(fixture), ImportOptions.withId("imported")).workflow());
        }
        Path shared = ExternalFlows.locate();
        if (shared != null) {
            try (Stream<Path> files = Files.walk(shared)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".js")).sorted().toList()) {
                    String text = p.toString().endsWith(".js") ? ExternalFlows.jsModuleAsJson(p) : ExternalFlows.read(p);
                    out.put("shared " + shared.relativize(p), Importers.fromText(null, text, ImportOptions.withId("imported")).workflow());
                }
            }
        }
        return out;
    }

    private static Path dir(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve(name)) && Files.exists(d.resolve("pom.xml"))) return d.resolve(name);
        }
        throw new IllegalStateException(name + "/ not found above " + Path.of("").toAbsolutePath());
    }
}
