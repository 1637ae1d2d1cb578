package dev.rehearsal.local.asl;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds shared/asl-conformance: -Dasl.conformance.dir, else walk up from the working directory looking for
 * shared/asl-conformance beside (or inside) an ancestor -- i.e. beside the repository root.
 */
final class ConformanceFolder {
    private ConformanceFolder() {}

    static Path locate() {
        String prop = System.getProperty("asl.conformance.dir");
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop);
            return Files.isDirectory(p) ? p : null;
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("asl-conformance");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }
}
