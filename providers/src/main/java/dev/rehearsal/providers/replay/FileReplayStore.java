package dev.rehearsal.providers.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import java.util.regex.Pattern;

/** One JSON file per key in a directory ({@code <dir>/<key>.json}), written atomically. */
public final class FileReplayStore implements ReplayStore {
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{64}");
    private final Path dir;

    public FileReplayStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<String> load(String key) {
        try {
            return Optional.of(Files.readString(file(key), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void save(String key, String entryJson) {
        Path target = file(key);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(tmp, entryJson, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Set<String> recordedVersions(String job) {
        Set<String> versions = new TreeSet<>();
        if (!Files.isDirectory(dir)) return versions;
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(f -> {
                try {
                    JsonNode request = Json.mapper().readTree(Files.readString(f, StandardCharsets.UTF_8)).path("request");
                    if (job.equals(request.path("schema").asText())) versions.add(request.path("prompt_version").asText(""));
                } catch (IOException | RuntimeException e) {
                    // An unreadable entry says nothing about versions; replay reports it when its key is asked for.
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    private Path file(String key) {
        // Keys are hashes; refusing anything else keeps a crafted key from escaping the directory.
        if (!KEY.matcher(key).matches()) throw new IllegalArgumentException("not a replay key: " + key);
        return dir.resolve(key + ".json");
    }
}
