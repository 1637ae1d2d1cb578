package dev.rehearsal.engine.workflow;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tokens are searched only where "{{" occurs, and rendering appends instead of regex replacement: both must
 * give what a plain {@code find()} loop over the token pattern gives, on any text.
 */
class MergeFieldsScanTest {
    private static List<String> plainFind(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = MergeFields.TOKEN.matcher(text);
        while (m.find()) out.add(m.start() + "-" + m.end() + ":" + m.group(1).trim() + "|" + m.group(2) + "|" + m.group(3));
        return out;
    }

    private static List<String> scanned(String text) {
        List<String> out = new ArrayList<>();
        for (MergeFields.Token t : MergeFields.tokens(text)) {
            Matcher m = MergeFields.TOKEN.matcher(text.substring(t.start(), t.end()));
            assertEquals(true, m.matches(), text);
            out.add(t.start() + "-" + t.end() + ":" + t.field() + "|" + m.group(2) + "|" + m.group(3));
        }
        return out;
    }

    /** The replacement the regex API would make, every field unknown or set by {@code value}. */
    private static String plainRender(String text, boolean known) {
        Matcher m = MergeFields.TOKEN.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = known && m.group(1).trim().length() % 2 == 0 ? "<" + m.group(1).trim() + "$1>" : null;
            if (v == null) v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : "";
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }

    @Test
    void findsWhatAPlainSearchFindsAndRendersTheSame() {
        String[] pieces = {"{{", "}}", "{", "}", "|", " ", "default", ":", "\"", "'", "contact.first_name", "x", "there", "\n", "$1", "\\"};
        Random random = new Random(11);
        for (int i = 0; i < 30_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(16); n > 0; n--) b.append(pieces[random.nextInt(pieces.length)]);
            String text = b.toString();
            assertEquals(plainFind(text), scanned(text), text);
            assertEquals(plainRender(text, false), MergeFields.render(text, f -> null), text);
            assertEquals(plainRender(text, true), MergeFields.render(text, f -> f.length() % 2 == 0 ? "<" + f + "$1>" : null), text);
            assertEquals(plainRender(text, false), MergeFields.renderFallbacks(text, MergeFields.tokens(text)), text);
        }
    }

    @Test
    void aMessageWithSeveralFields() {
        String body = "Hi {{contact.first_name | default: \"there\"}}, {{ account.name }} here: {{contact.city|default:'your area'}} {{broken";
        assertEquals(List.of("3-44:contact.first_name|there|null", "46-64:account.name|null|null", "71-107:contact.city|null|your area"),
                scanned(body));
        assertEquals("Hi there,  here: your area {{broken", MergeFields.render(body, f -> null));
    }
}
