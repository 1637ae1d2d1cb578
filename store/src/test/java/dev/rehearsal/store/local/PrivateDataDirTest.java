package dev.rehearsal.store.local;

import dev.rehearsal.store.Store;
import dev.rehearsal.store.Table;
import dev.rehearsal.store.TableAdmin;
import dev.rehearsal.engine.persona.PersonaCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A kept DynamoDB folder ({@code rehearse serve --data}) is its owner's only: folders 0700, files 0600. */
class PrivateDataDirTest {
    @Test
    void aNewDataFolderAndEverythingDynaliteWritesInItAreOwnerOnly() throws Exception {
        Path data = Files.createTempDirectory("private-data").resolve("kept");
        try (Dynalite d = Dynalite.start(data)) {
            TableAdmin.createTable(d.client(), "rehearsal-local");
            Store store = Store.over(new Table(d.client(), "rehearsal-local"));
            store.personas().create("acme", PersonaCatalog.builtIn("busy-bob").orElseThrow().withId("secret-lead", false));
        }
        assertOwnerOnly(data);
    }

    @Test
    void aFolderAnOlderVersionLeftOpenIsClosedOnStart() throws Exception {
        Path data = Files.createTempDirectory("private-data").resolve("old");
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path leftover = Files.writeString(data.resolve("000003.log"), "workflow text");
        Files.setPosixFilePermissions(leftover, PosixFilePermissions.fromString("rw-r--r--"));
        try (Dynalite d = Dynalite.start(data)) {
            TableAdmin.createTable(d.client(), "rehearsal-local");
        }
        assertOwnerOnly(data);
    }

    static void assertOwnerOnly(Path data) throws Exception {
        List<Path> all;
        try (Stream<Path> s = Files.walk(data)) {
            all = s.toList();
        }
        assertTrue(all.size() > 2, "dynalite wrote files: " + all);
        for (Path p : all) {
            String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms, p.toString());
        }
    }
}
