package dev.rehearsal.engine.bench.spam;

import dev.rehearsal.engine.validate.SpamScorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled data the spam benchmark and the held-out test read: the SMS Spam Collection training
 * split, read in place from {@code shared/spam-corpora/} (never copied into the repository), and our own
 * labelled marketing sets under {@code src/test/resources/spam/}.
 */
public final class SpamCorpora {
    public static final String SMS_FILE = "sms-spam-collection.train.tsv";
    public static final String MARKETING_TRAIN = "/spam/marketing-train.txt", MARKETING_HELDOUT = "/spam/marketing-heldout.txt";

    private SpamCorpora() {
    }

    /** shared/spam-corpora beside an ancestor of the working directory (-Dspam.corpora.dir overrides), or null. */
    public static Path locateShared() {
        String prop = System.getProperty("spam.corpora.dir");
        if (prop != null && !prop.isBlank()) return Files.isDirectory(Path.of(prop)) ? Path.of(prop) : null;
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("spam-corpora");
            if (Files.isRegularFile(candidate.resolve(SMS_FILE))) return candidate;
        }
        return null;
    }

    /** The SMS training split: a header row, then {@code ham|spam <TAB> text} per line. */
    public static List<LabelledMessage> sms(Path dir) {
        List<LabelledMessage> out = new ArrayList<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(dir.resolve(SMS_FILE), StandardCharsets.UTF_8)) {
                lineNo++;
                if (line.isBlank() || (lineNo == 1 && line.startsWith("Label\t"))) continue; // header row
                int tab = line.indexOf('\t');
                String label = tab < 0 ? "" : line.substring(0, tab);
                if (!label.equals("ham") && !label.equals("spam"))
                    throw new IllegalArgumentException(SMS_FILE + ":" + lineNo + ": expected ham|spam<TAB>text");
                out.add(new LabelledMessage(label.equals("spam"), SpamScorer.Channel.SMS, "sms-collection", null, line.substring(tab + 1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * A marketing set: {@code === <ham|spam> <sms|email> <vertical>} then the message; an email's first
     * line is {@code Subject: ...} and its body follows a blank line. Lines starting with # before the
     * first header are comments.
     */
    public static List<LabelledMessage> marketing(String resource) {
        String text;
        try (InputStream in = SpamCorpora.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("missing test resource " + resource);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<LabelledMessage> out = new ArrayList<>();
        String[] header = null;
        StringBuilder msg = new StringBuilder();
        int lineNo = 0, headerLine = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.startsWith("=== ")) {
                if (header != null) out.add(message(resource, headerLine, header, msg.toString()));
                header = line.substring(4).trim().split("\\s+");
                if (header.length != 3 || !(header[0].equals("ham") || header[0].equals("spam"))
                        || !(header[1].equals("sms") || header[1].equals("email")))
                    throw new IllegalArgumentException(resource + ":" + lineNo + ": expected '=== <ham|spam> <sms|email> <vertical>'");
                headerLine = lineNo;
                msg.setLength(0);
            } else if (header != null) {
                msg.append(line).append('\n');
            } else if (!line.startsWith("#") && !line.isBlank()) {
                throw new IllegalArgumentException(resource + ":" + lineNo + ": text before the first '=== ' header");
            }
        }
        if (header != null) out.add(message(resource, headerLine, header, msg.toString()));
        return out;
    }

    private static LabelledMessage message(String resource, int line, String[] header, String raw) {
        String m = raw.strip();
        boolean spam = header[0].equals("spam");
        if (header[1].equals("sms")) return new LabelledMessage(spam, SpamScorer.Channel.SMS, header[2], null, m);
        if (!m.startsWith("Subject: "))
            throw new IllegalArgumentException(resource + ":" + (line + 1) + ": an email starts with 'Subject: '");
        int nl = m.indexOf('\n');
        String subject = (nl < 0 ? m : m.substring(0, nl)).substring("Subject: ".length()).strip();
        return new LabelledMessage(spam, SpamScorer.Channel.EMAIL, header[2], subject, nl < 0 ? "" : m.substring(nl + 1).strip());
    }
}
