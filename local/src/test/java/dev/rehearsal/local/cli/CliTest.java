package dev.rehearsal.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Drives the real command line: exit codes, formats, progress lines and error messages. */
class CliTest {
    record Result(int code, String out, String err) {
    }

    static Path examples() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("examples"))) p = p.getParent();
        return p.resolve("examples");
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void passingSuiteExitsZeroWithAProgressLinePerPersona() {
        Result r = run("test", examples().resolve("sms-lead-followup.suite.json").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(7, r.err().lines().filter(l -> l.matches("\\s+\\S.* steps, .*ended: .*")).count(), r.err());
        assertTrue(r.out().contains("# Rehearsal report: SMS lead follow-up"));
    }

    @Test
    void brokenSuiteExitsOneAndJsonNamesTheCriticalFinding() {
        Result r = run("test", examples().resolve("broken-blast.suite.json").toString(), "--format", "json", "--quiet");
        assertEquals(1, r.code());
        JsonNode report = Json.mapper().valueToTree(Json.convert(parse(r.out()), Object.class));
        assertFalse(report.get("passed").asBoolean());
        boolean found = false;
        for (JsonNode i : report.get("issues")) {
            found |= i.get("type").asText().equals("message_after_opt_out") && i.get("persona").asText().equals("cold-carl");
        }
        assertTrue(found);
    }

    @Test
    void invalidWorkflowExitsTwoListingEveryProblemWithItsLocation(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {"id":"b","name":"b","start":"a","steps":[
                  {"id":"a","type":"send_fax","next":"zzz"}
                ]}
                """);
        Result r = run("validate", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("bad.json:2:"), r.err());
        assertTrue(r.err().contains("unknown step type 'send_fax'"), r.err());
        assertTrue(r.err().contains("'zzz', which does not exist"), r.err());
        Result t = run("test", bad.toString());
        assertEquals(2, t.code(), "nothing runs on an invalid definition");
        assertEquals("", t.out());
    }

    @Test
    void malformedJsonAndUnknownPersonaAreBadInput(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("m.json");
        Files.writeString(bad, "{\"id\": ");
        assertEquals(2, run("test", bad.toString()).code());
        Result r = run("test", examples().resolve("sms-lead-followup.workflow.json").toString(), "--personas", "nobody");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown persona 'nobody'"), r.err());
    }

    @Test
    void personaSelectionSeedAndOutFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r/report.xml");
        Result r = run("test", examples().resolve("sms-lead-followup.workflow.json").toString(),
                "--personas", "cold-carl,busy-bob", "--seed", "3", "--format", "junit", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String xml = Files.readString(out);
        assertTrue(xml.contains("<property name=\"seed\" value=\"3\"/>"));
        assertEquals("", r.out());
        assertEquals(2, r.err().lines().filter(l -> l.contains("ended:")).count());
    }

    @Test
    void personasListAndShow() {
        Result list = run("personas", "list");
        assertEquals(0, list.code());
        assertEquals(7, list.out().lines().count());
        Result show = run("personas", "show", "cold-carl");
        assertTrue(show.out().contains("opts_out_of_marketing"));
        assertEquals(2, run("personas", "show", "nobody").code());
    }

    @Test
    void validateReportsFindingsAndExitCode() {
        Result ok = run("validate", examples().resolve("sms-lead-followup.workflow.json").toString());
        assertEquals(0, ok.code(), ok.out());
        Result json = run("validate", "--format", "json", examples().resolve("broken-blast.workflow.json").toString());
        assertTrue(json.out().contains("\"issues\""));
    }

    private static Object parse(String s) {
        try {
            return Json.mapper().readValue(s, Object.class);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
