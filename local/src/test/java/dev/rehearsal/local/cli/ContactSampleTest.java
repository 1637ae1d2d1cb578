package dev.rehearsal.local.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rehearsal.local.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `rehearse test --contacts`: a CRM export as the population of a dry run. */
class ContactSampleTest {
    /** A dental clinic's recall text, sent at 20:30 contact time: fine federally, too late in Florida. */
    static final String RECALL = """
            {"id": "recall", "name": "Dental recall", "start": "text", "steps": [
              {"id": "text", "type": "send_sms", "config": {"body": "Hi {{contact.first_name}}, Bright Smile Dental here: you are due for a cleaning. Book: https://bright.example.com. Reply STOP to opt out."}, "next": "w"},
              {"id": "w", "type": "wait_for_reply", "config": {"timeout": "2d"}, "on_reply": "thanks", "on_timeout": "done"},
              {"id": "thanks", "type": "send_sms", "config": {"body": "Thanks! We will call you to book."}, "next": "done"},
              {"id": "done", "type": "end"}]}
            """;

    @Test
    void eachRowWalksWithItsRealFieldsAndTheSummaryCountsWhatTheOwnerChecksBeforeLaunch(@TempDir Path dir) throws Exception {
        Path wf = dir.resolve("recall.json");
        Files.writeString(wf, RECALL);
        Path csv = dir.resolve("contacts.csv");
        Files.writeString(csv, """
                First Name,Last Name,Phone Number,State,Time Zone
                Maria,Lopez,+13055550101,FL,America/New_York
                ,Nguyen,+14045550102,GA,America/New_York
                "Sam, Jr.",Okafor,+12145550103,TX,America/Chicago
                """);
        CliTest.Result r = run("test", wf.toString(), "--contacts", csv.toString(), "--start", "2026-03-03T20:30", "--quiet");
        assertNotEquals(2, r.code(), r.err());
        String err = r.err();
        assertTrue(err.contains("Contact sample: 3 contact(s)"), err);
        assertTrue(err.contains("{{contact.first_name}}: 1 contact(s), lines [3]"), "Nguyen has no first name: " + err);
        assertTrue(err.contains("Unsolicited texts in quiet hours (to defer): 1 contact(s), lines [2]"),
                "20:30 is after Florida's 20:00, before the federal 21:00: " + err);
        assertTrue(err.contains("w -[on_reply]-> thanks: ") && err.contains("w -[on_timeout]-> done: "), err);
        assertTrue(r.out().contains("Sam, Jr. Okafor"), "the quoted name is one field: " + r.out());
    }

    @Test
    void badCsvIsALocatedErrorAndNothingRuns(@TempDir Path dir) throws Exception {
        Path wf = dir.resolve("recall.json");
        Files.writeString(wf, RECALL);
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "first_name,phone,state\nMaria,+13055550101,FL\nBen,+14045550102\n");
        CliTest.Result r = run("test", wf.toString(), "--contacts", ragged.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("ragged.csv:3:3") && r.err().contains("2 value(s) where the header has 3"), r.err());
        assertTrue(r.out().isEmpty(), "no report: " + r.out());

        Path zone = dir.resolve("zone.csv");
        Files.writeString(zone, "first_name,timezone\nMaria,America/New_York\nBen,Mars/Olympus\n");
        CliTest.Result z = run("test", wf.toString(), "--contacts", zone.toString());
        assertEquals(2, z.code());
        assertTrue(z.err().contains("zone.csv:3:2") && z.err().contains("Mars/Olympus"), z.err());

        Path quote = dir.resolve("quote.csv");
        Files.writeString(quote, "first_name,phone\nMaria,+13055550101\n\"Ben,+14045550102\n");
        CliTest.Result q = run("test", wf.toString(), "--contacts", quote.toString());
        assertEquals(2, q.code());
        assertTrue(q.err().contains("quote.csv:") && q.err().contains("malformed CSV"), q.err());

        Path twice = dir.resolve("twice.csv");
        Files.writeString(twice, "First Name,first_name\nMaria,Maria\n");
        assertEquals(2, run("test", wf.toString(), "--contacts", twice.toString()).code());
    }
}
