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
}
