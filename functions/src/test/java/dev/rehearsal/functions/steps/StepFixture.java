package dev.rehearsal.functions.steps;

import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.store.RunRecord;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;

import java.util.List;
import java.util.UUID;

/** A fresh table on the shared dynalite server, step services over it, and run builders. */
public final class StepFixture {
    public final Store store;
    public final StepServices services;

    public StepFixture() {
        String name = "steps-" + UUID.randomUUID();
        TableAdmin.createTable(Dynalite.shared().client(), name);
        store = Store.over(new Table(Dynalite.shared().client(), name));
        services = new StepServices(store, new OfflinePersonaEngine());
    }

    /** Saves the workflow and writes a RUNNING run of it for the personas. */
    public RunRecord run(String account, String workflowJson, String workflowId, List<String> personas, long seed) {
        int v = store.workflows().save(account, workflowId, workflowJson).value().version();
        String runId = "run-" + UUID.randomUUID().toString().replace("-", "");
        return store.runs().create(account, runId, workflowId, v, personas, seed).value();
    }

    /** examples/sms-lead-followup.workflow.json: every persona takes a different path through it. */
    public static String exampleWorkflow() {
        for (java.nio.file.Path d = java.nio.file.Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            java.nio.file.Path p = d.resolve("examples").resolve("sms-lead-followup.workflow.json");
            if (java.nio.file.Files.isRegularFile(p)) {
                try {
                    return java.nio.file.Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("examples/sms-lead-followup.workflow.json not found");
    }

    /** {@code sends} emails of {@code chars} characters each, then an end step. */
    public static String longWorkflow(String id, int sends, int chars) {
        StringBuilder b = new StringBuilder("{\"id\":\"" + id + "\",\"name\":\"Long drip\",\"start\":\"m0\",\"settings\":{\"max_steps\":"
                + (sends + 10) + ",\"max_messages_per_24h\":100},\"steps\":[");
        String filler = "We would love to see you again at the practice. ".repeat(chars / 48 + 1);
        for (int i = 0; i < sends; i++) {
            String body = ("Hi {{contact.first_name | default: \\\"there\\\"}}, note " + i + ". " + filler).substring(0, chars)
                    + " Unsubscribe: https://example.com/u";
            b.append("{\"id\":\"m").append(i).append("\",\"type\":\"send_email\",\"config\":{\"subject\":\"Note ").append(i)
                    .append("\",\"body\":\"").append(body).append("\"},\"next\":\"")
                    .append(i + 1 < sends ? "m" + (i + 1) : "done").append("\"},");
        }
        b.append("{\"id\":\"done\",\"type\":\"end\"}]}");
        return b.toString();
    }
}
