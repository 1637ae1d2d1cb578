package dev.rehearsal.local.spamassassin;

import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SpamAssassinTest {
    private static Workflow workflow(String subject, String body) {
        String json = "{\"id\": \"promo\", \"name\": \"Spring promo\", \"start\": \"a\", \"settings\": {\"sender_name\": \"Maple & Co\"},"
                + " \"steps\": [{\"id\": \"a\", \"type\": \"send_email\", \"config\": {\"subject\": " + quote(subject) + ", \"body\": " + quote(body)
                + "}, \"next\": \"z\"}, {\"id\": \"z\", \"type\": \"end\"}]}";
        return WorkflowParser.parseOrThrow(json);
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** CI installs spamassassin (.ci/run): there a missing binary is a failure, elsewhere the test skips. */
    private static SpamAssassin installed() {
        var sa = SpamAssassin.onPath();
        if (sa.isEmpty() && "true".equals(System.getenv("CI"))) fail("CI=true but spamassassin is not on PATH; .ci/run installs it");
        assumeTrue(sa.isPresent(), "spamassassin not installed");
        return sa.get();
    }

    @Test
    void rendersHeadersFromSettingsAndBothParts() {
        Workflow w = workflow("Spring sale at Maple & Co", "Hi {{contact.first_name | default: \"there\"}},\n\nShop: https://www.mapleandco.example.com/sale\n\nUnsubscribe: https://mapleandco.example.com/u");
        String mime = MimeEmail.render(w, w.step("a"));
        assertTrue(mime.contains("From: Maple & Co <news@mapleandco.example.com>\r\n"), mime);
        assertTrue(mime.contains("Subject: Spring sale at Maple & Co\r\n"), mime);
        assertTrue(mime.contains("Message-ID: <promo.a.rehearsal@mapleandco.example.com>\r\n"), mime);
        assertTrue(mime.contains("Content-Type: text/plain; charset=UTF-8") && mime.contains("Content-Type: text/html; charset=UTF-8"), mime);
        String html = MimeEmail.html("s", "Shop: https://a.example.com/x?a=1&b=2\nnow");
        assertTrue(html.contains("<a href=\"https://a.example.com/x?a=1&amp;b=2\">"), html);
        String plainB64 = mime.split("charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")[1].split("\r\n--")[0];
        assertTrue(new String(Base64.getMimeDecoder().decode(plainB64), StandardCharsets.UTF_8).startsWith("Hi there,"));
        assertEquals("=?UTF-8?B?Q2Fmw6k=?=", MimeEmail.encodeWord("Café"));
    }

    @Test
    void parsesStatusAndRuleTable() throws Exception {
        String report = "X-Spam-Status: Yes, score=6.2 required=5.0 tests=A,B\n\nbody\n"
                + "Content analysis details:   (6.2 points, 5.0 required)\n\n pts rule name              description\n"
                + "---- ---------------------- --------------------------------------------------\n"
                + " 0.5 SUBJ_ALL_CAPS          Subject is all capitals\n"
                + "-0.0 NO_RELAYS              Informational: message was not relayed via SMTP\n"
                + " 2.5 LONG_RULE              A description that\n                            [continues here]\n\n"
                + " 9.9 NOT_A_RULE             after the table\n";
        SpamAssassin.Verdict v = SpamAssassin.parse(report);
        assertEquals(6.2, v.score());
        assertEquals(5.0, v.required());
        assertEquals(3, v.rules().size(), v.rules().toString());
        assertEquals(new SpamAssassin.Rule("SUBJ_ALL_CAPS", 0.5, "Subject is all capitals"), v.rules().get(0));
        assertThrows(java.io.IOException.class, () -> SpamAssassin.parse("no header here"));
    }

    @Test
    void spamAssassinScoresAShoutyPrizeMailAboveAPlainNewsletter() throws Exception {
        SpamAssassin sa = installed();
        Workflow spam = workflow("CONGRATULATIONS!!! YOU WON $1,000,000 CASH",
                "Dear winner,\n\nCLICK HERE to claim your prize: https://bit.ly/claim-now\n\nACT NOW!!! 100% FREE, GUARANTEED!!!");
        Workflow clean = workflow("Our spring menu is here",
                "Hi there,\n\nOur spring menu has fresh pea risotto and a rhubarb tart. Book a table: https://osterialume.example.com/book\n\n"
                        + "Osteria Lume, 210 Pine St, Seattle, WA 98101\nUnsubscribe: https://osterialume.example.com/unsubscribe");
        SpamAssassin.Verdict bad = sa.check(MimeEmail.render(spam, spam.step("a")));
        SpamAssassin.Verdict good = sa.check(MimeEmail.render(clean, clean.step("a")));
        assertTrue(bad.score() > good.score(), bad + " vs " + good);
        assertTrue(bad.rules().stream().anyMatch(r -> r.points() > 0), bad::toString);
        assertEquals(5.0, good.required());
    }
}
