package dev.rehearsal.store.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A data folder only its owner can read: workflows and personas are kept there in plain form.
 * Created 0700; whatever an older version left in it is brought to 0700 (folders) and 0600
 * (files); dynalite itself runs with umask 077, so what it creates later is 0600 from the start.
 */
public final class PrivateDir {
    public static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateDir() {
    }

    public static Path prepare(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) return dir;
        try {
            if (!Files.exists(dir)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
            }
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    if (Files.isSymbolicLink(p)) continue;
                    Files.setPosixFilePermissions(p, Files.isDirectory(p) ? DIR : FILE);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + " private (0700)", e);
        }
    }
}
