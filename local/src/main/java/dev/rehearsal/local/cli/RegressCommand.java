package dev.rehearsal.local.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.functions.regress.RegressionScheduler;
import dev.rehearsal.functions.steps.StepServices;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code rehearse regress}: the nightly regression against the local store of {@code rehearse
 * serve --data DIR}. Prints the summary; events go to stdout. Exit 1 when a suite regressed.
 */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = "Re-run every saved suite of the local store and compare it with its baseline.")
public final class RegressCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "The folder given to rehearse serve --data")
    Path data;

    @Override
    public Integer call() {
        try (Dynalite d = Dynalite.start(data)) {
            TableAdmin.createTable(d.client(), "rehearsal-local");
            Store store = Store.over(new Table(d.client(), "rehearsal-local"));
            RegressionScheduler s = new RegressionScheduler(new StepServices(store, new OfflinePersonaEngine()),
                    detail -> System.out.println("event " + Json.write(detail)));
            ObjectNode out = s.runAll();
            System.out.println(Json.pretty(out));
            return out.path("regressions").asInt() > 0 ? Main.FAILED : Main.OK;
        }
    }
}
