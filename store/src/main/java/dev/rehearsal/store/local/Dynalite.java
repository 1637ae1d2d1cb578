package dev.rehearsal.store.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A DynamoDB API server for tests and the local runtime: dynalite (npm, MIT), started as a child
 * process on a free loopback port from the project folder {@code tools/dynalite}.
 *
 * <p>The folder is found from {@code -Drehearsal.dynalite.dir}, the environment variable
 * {@code REHEARSAL_DYNALITE_DIR}, or by walking up from the working directory. When its
 * {@code node_modules} is missing, {@code npm ci} is run there first. The child exits when the
 * JVM exits (a shutdown hook, and the child also exits when its stdin closes, which covers a JVM
 * killed without hooks). Known gaps of dynalite: no TransactWriteItems and no UpdateTimeToLive.
 */
public final class Dynalite implements AutoCloseable {
    public static final String DIR_PROPERTY = "rehearsal.dynalite.dir";
    public static final String DIR_ENV = "REHEARSAL_DYNALITE_DIR";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static Dynalite shared;

    private final Process process;
    private final int port;
    private final DynamoDbClient client;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
        this.client = clientFor(endpoint());
    }

    /** One server per JVM, started on first use and stopped when the JVM exits. */
    public static synchronized Dynalite shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start(null);
            Dynalite s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "dynalite-stop"));
        }
        return shared;
    }

    /**
     * Starts a server; {@code dataPath} null keeps the data in memory, otherwise dynalite keeps it
     * in a LevelDB folder there (the local runtime's choice).
     */
    public static Dynalite start(Path dataPath) {
        Path dir = locateDir();
        ensureInstalled(dir);
        List<String> cmd = new ArrayList<>(List.of(nodeExecutable(), "server.js", "--port", "0"));
        if (dataPath != null) {
            PrivateDir.prepare(dataPath);
            cmd.add("--path");
            cmd.add(dataPath.toAbsolutePath().toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start dynalite with '" + nodeExecutable()
                    + "' (is Node.js installed and on the PATH?)", e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("DYNALITE_PORT ")) return Integer.parseInt(line.substring(14).trim());
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        });
        int port;
        try {
            port = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            port = -1;
        }
        if (port <= 0) {
            p.destroyForcibly();
            throw new IllegalStateException("dynalite did not report its port within " + START_TIMEOUT.toSeconds()
                    + " s (dir " + dir + ")");
        }
        // keep draining stdout so the child never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // child gone
            }
        }, "dynalite-stdout");
        drain.setDaemon(true);
        drain.start();
        return new Dynalite(p, port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** A client bound to this server (URL-connection HTTP client, dummy credentials, us-east-1). */
    public DynamoDbClient client() {
        return client;
    }

    /** A real SDK client for a local DynamoDB API endpoint. */
    public static DynamoDbClient clientFor(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .build();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (RuntimeException ignored) {
            // best effort
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Path locateDir() {
        String configured = System.getProperty(DIR_PROPERTY, System.getenv(DIR_ENV));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(p.resolve("server.js"))) {
                throw new IllegalStateException("no dynalite server.js in " + p);
            }
            return p;
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("tools").resolve("dynalite");
            if (Files.isRegularFile(candidate.resolve("server.js"))) return candidate;
        }
        throw new IllegalStateException("cannot find tools/dynalite above " + Path.of("").toAbsolutePath()
                + "; set -D" + DIR_PROPERTY + " or " + DIR_ENV);
    }

    private static synchronized void ensureInstalled(Path dir) {
        if (Files.isRegularFile(dir.resolve("node_modules/dynalite/package.json"))) return;
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
        ProcessBuilder pb = new ProcessBuilder(windows ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund")
                .directory(dir.toFile()).redirectErrorStream(true);
        try {
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("npm ci in " + dir + " failed:\n" + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm ci in " + dir + " (is npm on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing dynalite", e);
        }
    }

    private static String nodeExecutable() {
        String n = System.getenv("REHEARSAL_NODE");
        return n == null || n.isBlank() ? "node" : n;
    }
}
