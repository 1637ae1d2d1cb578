package dev.rehearsal.local.spamassassin;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the local SpamAssassin ({@code spamassassin -t -L}: test mode, local rules only, no network
 * lookups) on a MIME message and reads its verdict. Only where SpamAssassin is installed (Debian's
 * {@code spamassassin}); Lambda has no such binary, so this lives in the local CLI.
 */
public final class SpamAssassin {
    /** One rule that hit, with SpamAssassin's points and description. */
    public record Rule(String name, double points, String description) {
    }

    public record Verdict(double score, double required, List<Rule> rules) {
    }

    private static final Pattern STATUS = Pattern.compile("(?m)^X-Spam-Status: (?:Yes|No), score=(-?[\\d.]+) required=(-?[\\d.]+)");
    private static final Pattern RULE = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)\\s+([A-Z0-9_]+)\\s+(.*)$");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    private SpamAssassin(Path executable) {
        this.executable = executable;
    }

    /** The {@code spamassassin} on PATH, if any. */
    public static Optional<SpamAssassin> onPath() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "spamassassin");
            if (Files.isExecutable(p)) return Optional.of(new SpamAssassin(p));
        }
        return Optional.empty();
    }

    public Verdict check(String mime) throws IOException {
        Process p = new ProcessBuilder(executable.toString(), "-t", "-L").redirectErrorStream(false).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture.runAsync(() -> readAll(p.getErrorStream())); // drain, or a chatty stderr blocks the process
        try (OutputStream in = p.getOutputStream()) {
            in.write(mime.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("spamassassin did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for spamassassin", e);
        }
        String report = new String(out.join(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0 && !STATUS.matcher(report).find())
            throw new IOException("spamassassin exited with " + p.exitValue() + " and no X-Spam-Status header");
        return parse(report);
    }

    /** Reads the X-Spam-Status header (score, required) and the "pts rule name description" table of test mode. */
    static Verdict parse(String report) throws IOException {
        Matcher s = STATUS.matcher(report);
        if (!s.find()) throw new IOException("no X-Spam-Status header in spamassassin output");
        List<Rule> rules = new ArrayList<>();
        boolean table = false;
        for (String line : report.split("\\R")) {
            if (line.startsWith(" pts rule name")) {
                table = true;
                continue;
            }
            if (!table || line.startsWith("----")) continue;
            if (line.isBlank()) {
                table = false; // the table ends at the first blank line
                continue;
            }
            Matcher r = RULE.matcher(line);
            if (r.matches()) rules.add(new Rule(r.group(2), Double.parseDouble(r.group(1)), r.group(3).strip()));
            // other lines continue the previous rule's description
        }
        return new Verdict(Double.parseDouble(s.group(1)), Double.parseDouble(s.group(2)), rules);
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
