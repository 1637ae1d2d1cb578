package dev.rehearsal.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.rehearsal.local.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** `rehearse import`, and `validate`/`test` reading a Twilio Studio export directly. */
class ImportCliTest {
    static final String FLOW = """
            {"description": "Corner Bakery cake orders", "initial_state": "Trigger", "states": [
              {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingMessage", "next": "ask"}]},
              {"name": "ask", "type": "send-and-wait-for-reply",
               "properties": {"body": "Corner Bakery! What date is the cake for? Reply STOP to opt out.", "timeout": "3600"},
               "transitions": [{"event": "incomingMessage", "next": "thanks"}, {"event": "timeout"}]},
              {"name": "thanks", "type": "send-message", "properties": {"body": "Got it: {{widgets.ask.inbound.Body}}. We'll text a quote."},
               "transitions": [{"event": "sent"}]}
            ]}""";

    static Path patientFlow() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared/external-flows/twilio-studio/patient-appointment-management.json");
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    @Test
    void importWritesAValidWorkflowAndPrintsTheMapping(@TempDir Path dir) throws Exception {
        Path src = patientFlow();
        assumeTrue(src != null, "shared/external-flows not found beside the repository");
        Path out = dir.resolve("patient.workflow.json");
        CliTest.Result r = run("import", src.toString(), "--out", out.toString(), "--category", "transactional");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Mapping (twilio-studio): 89 element(s)"), r.out());
        assertTrue(r.out().contains("/states/24/transitions/1  transition fail"), r.out());
        var wf = WorkflowParser.parse(Files.readString(out)).orThrow();
        assertEquals("patient-appointment-management", wf.id());
        assertNotEquals(2, run("validate", out.toString()).code(), "validates (0 or 1, never bad input)");
    }

    @Test
    void withoutOutTheWorkflowGoesToStdoutAndTheReportToStderr(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("cake-orders.json");
        Files.writeString(src, FLOW);
        CliTest.Result r = run("import", src.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode wf = Json.mapper().readTree(r.out());
        assertEquals("cake-orders", wf.get("id").asText());
        assertEquals("{{contact.ask_reply}}", wf.at("/steps/2/config/body").asText().substring(8, 29));
        assertTrue(r.err().contains("Mapping (twilio-studio)"), r.err());
        CliTest.Result json = run("import", src.toString(), "--out", dir.resolve("w.json").toString(), "--format", "json");
        JsonNode report = Json.mapper().readTree(json.out());
        assertEquals(10, report.at("/counts/MAPPED").asInt() + report.at("/counts/APPROXIMATED").asInt()
                + report.at("/counts/UNSUPPORTED").asInt(), "3 widgets, 4 transitions, description, initial_state, category: " + json.out());
        assertEquals("/states/0", report.at("/entries/0/pointer").asText());
    }

    @Test
    void validateAndTestReadTheExportDirectly(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("cake-orders.json");
        Files.writeString(src, FLOW);
        CliTest.Result v = run("validate", src.toString(), "--format", "json");
        assertNotEquals(2, v.code(), v.err());
        assertEquals("cake-orders", Json.mapper().readTree(v.out()).get("workflow").asText());
        CliTest.Result t = run("test", src.toString(), "--personas", "eager-eddie,busy-bob", "--quiet", "--no-transcripts");
        assertNotEquals(2, t.code(), t.err());
        assertTrue(t.out().contains("Corner Bakery cake orders"), t.out());
        assertTrue(t.out().contains("ask__wait"), t.out());
    }

    @Test
    void aTruncatedExportExitsTwoWithItsLocationAndWritesNothing(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("cut.json");
        Files.writeString(src, FLOW.substring(0, FLOW.length() - 40));
        Path out = dir.resolve("never.json");
        CliTest.Result r = run("import", src.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().matches("(?s).*cut\\.json:\\d+:\\d+: malformed JSON.*"), r.err());
        assertFalse(Files.exists(out));
        assertEquals(2, run("validate", src.toString()).code());
        CliTest.Result dangling = run("import", write(dir, "d.json", FLOW.replace("\"next\": \"thanks\"", "\"next\": \"thank\"")));
        assertEquals(2, dangling.code());
        assertTrue(dangling.err().contains("/states/1/transitions/0/next"), dangling.err());
        assertTrue(dangling.err().contains("'thank', which is not in states"), dangling.err());
    }

    private static String write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    static final String EVENTS = """
            {"description": "Clinic booking events", "initial_state": "Trigger", "states": [
              {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingRequest", "next": "split"}]},
              {"name": "split", "type": "split-based-on", "properties": {"input": "{{flow.data.event_type}}"},
               "transitions": [{"event": "noMatch", "next": "other"},
                 {"event": "match", "next": "booked", "conditions": [{"friendly_name": "Booked", "arguments": ["{{flow.data.event_type}}"], "type": "equal_to", "value": "booked"}]}]},
              {"name": "booked", "type": "send-message", "properties": {"body": "Your visit is booked. Reply STOP to opt out."}, "transitions": [{"event": "sent"}]},
              {"name": "other", "type": "send-message", "properties": {"body": "Your visit changed. Reply STOP to opt out."}, "transitions": [{"event": "sent"}]}
            ]}""";

    @Test
    void aSuiteSuppliesTriggerDataAndHuntingStillTriesTheComparedValue(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("events.json"), EVENTS);
        Files.writeString(dir.resolve("events.suite.json"), """
                {"name": "Canceled visits", "workflow": "events.json", "runs": 1,
                 "inputs": {"event_type": {"values": ["canceled"]}}}""");
        CliTest.Result r = run("test", dir.resolve("events.suite.json").toString(), "--format", "json", "--quiet");
        assertNotEquals(2, r.code(), r.err());
        JsonNode report = Json.mapper().readTree(r.out());
        JsonNode statuses = report.at("/coverage/statuses");
        String booked = null, other = null;
        for (JsonNode t : statuses) {
            if (t.get("transition").asText().startsWith("split -[branch:Booked]")) booked = t.get("status").asText();
            if (t.get("transition").asText().startsWith("split -[default]")) other = t.get("status").asText();
        }
        assertEquals("covered", other, "every walk draws the supplied 'canceled': " + statuses);
        assertEquals("witnessed", booked, "hunting tries the value the split compares with: " + statuses);

        Files.writeString(dir.resolve("bad.suite.json"), """
                {"name": "Bad", "workflow": "events.json", "inputs": {"event_type": {"values": []}}}""");
        CliTest.Result bad = run("test", dir.resolve("bad.suite.json").toString(), "--quiet");
        assertEquals(2, bad.code(), bad.out());
        assertTrue(bad.err().contains("[/inputs/event_type/values]") && bad.err().contains("bad.suite.json:1:"), bad.err());
    }
}
