package dev.rehearsal.local.runtime;

import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.store.local.Dynalite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

final class RuntimeFixture {
    static Path projectFile(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(name)) && Files.exists(d.resolve("template.yaml"))) return d.resolve(name);
        }
        throw new IllegalStateException(name + " not found above " + Path.of("").toAbsolutePath());
    }

    static Store freshStore() {
        String name = "rt-" + UUID.randomUUID();
        TableAdmin.createTable(Dynalite.shared().client(), name);
        return Store.over(new Table(Dynalite.shared().client(), name));
    }

    static LocalRuntime runtime(Store store) {
        return new LocalRuntime(SamTemplate.load(projectFile("template.yaml")), store, new OfflinePersonaEngine(), 4);
    }
    /** {@code sends} emails of {@code chars} characters each, then an end step. */
    static String longWorkflow(String id, int sends, int chars) {
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
