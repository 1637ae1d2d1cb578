package dev.rehearsal.importers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real flows in shared/external-flows (beside the repository, read in place, never copied):
 * found by walking up from the working directory, as the ASL conformance tests find theirs.
 */
final class ExternalFlows {
    private ExternalFlows() {
    }

    static Path locate() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("external-flows");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JavaScript module exporting a flow definition, turned into JSON by node (as a user would). */
    static String jsModuleAsJson(Path module) {
        try {
            Process p = new ProcessBuilder("node", "-e",
                    "process.stdout.write(JSON.stringify(require(process.argv[1]), null, 2))", module.toAbsolutePath().toString())
                    .redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("node failed: " + err);
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("node is needed to read " + module + " (it is also needed for dynalite)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String resource(String name) {
        try (var in = ExternalFlows.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("no test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
