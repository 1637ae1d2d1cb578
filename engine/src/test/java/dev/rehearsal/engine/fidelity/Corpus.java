package dev.rehearsal.engine.fidelity;

import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.reading.Act;
import dev.rehearsal.engine.reading.Vertical;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fidelity corpus: outbound messages labelled by hand with their vertical, act, channel and the
 * reply codes they offer. {@code corpus-heldout.tsv} was committed before any tuning and is never
 * used to tune; {@code corpus-tuning.tsv} is the part tuning may look at.
 */
record Corpus(String part, List<Item> items) {

    /** One labelled message. {@code codes}: code -> meaning, as a person reads the message. */
    record Item(String id, Vertical vertical, Act act, Channel channel, Map<String, String> codes, String sender,
                String subject, String body) {
        OutboundMessage message(String firstName) {
            return new OutboundMessage(id, channel, subject == null ? null : subject.replace("{name}", firstName),
                    body.replace("{name}", firstName));
        }
    }

    static Corpus heldOut() {
        return load("heldout");
    }

    static Corpus tuning() {
        return load("tuning");
    }

    static Corpus load(String part) {
        String path = "/fidelity/corpus-" + part + ".tsv";
        try (InputStream in = Corpus.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing " + path);
            List<Item> items = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                if (f.length != 7) throw new IllegalStateException(path + ": expected 7 columns: " + line);
                Map<String, String> codes = new LinkedHashMap<>();
                if (!f[4].equals("-")) for (String c : f[4].split(",")) codes.put(c.split(":")[0], c.split(":")[1]);
                Channel ch = Channel.fromWire(f[3]);
                String subject = null, body = f[6];
                if (ch == Channel.EMAIL) {
                    String[] sb = f[6].split(" \\|\\| ", 2);
                    subject = sb[0];
                    body = sb[1];
                }
                items.add(new Item(f[0], Vertical.fromWire(f[1]).orElseThrow(), Act.valueOf(f[2].toUpperCase(Locale.ROOT)),
                        ch, codes, f[5], subject, body));
            }
            return new Corpus(part, List.copyOf(items));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
