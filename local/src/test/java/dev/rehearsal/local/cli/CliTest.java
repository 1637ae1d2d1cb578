package dev.rehearsal.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
        CommandLine cl = Main.commandLine(args);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommandAndARunBuildsOnlyItsOwn() {
        Result help = run("--help");
        assertEquals(0, help.code(), help.err());
        java.util.List<String> listed = help.out().lines().filter(l -> l.matches("  [a-z]+ +\\S.*"))
                .map(l -> l.trim().split(" ")[0]).toList();
        assertEquals(java.util.List.of("validate", "test", "estimate", "personas", "serve", "regress", "import"), listed,
                help.out());
        // Only the command being run is read by picocli (start-up time); a typo still gets the full list.
        assertEquals(java.util.Set.of("validate"), Main.commandLine("validate", "x.json").getSubcommands().keySet());
        Result typo = run("valdiate", "x.json");
        assertEquals(Main.BAD_INPUT, typo.code());
        assertTrue(typo.err().contains("Did you mean: rehearse validate"), typo.err());
        Result sub = run("test", "--help");
        assertEquals(0, sub.code(), sub.err());
        assertTrue(sub.out().contains("Usage: rehearse test"), sub.out());
    }

    @Test
    void passingSuiteExitsZeroWithAProgressLinePerPersona() {
        Result r = run("test", examples().resolve("sms-lead-followup.suite.json").toString());
        assertEquals(0, r.code(), r.err());
        // One line per persona: walks done of planned, distinct paths, goal rate, pass counts so far.
        // (auto walks in looks of 30, 60, ...: each look reports again)
        assertEquals(7, r.err().lines().filter(l -> l.matches("\\s+\\S.* \\d+/\\d+ walks, \\d+ path\\(s\\), goal in \\d+%.*"))
                .map(l -> l.trim().split(" {2,}")[0]).distinct().count(), r.err());
        assertTrue(r.out().startsWith("Rehearsal report: SMS lead follow-up\n"), r.out());
    }

    @Test
    void textIsPlainForTerminalsAndMarkdownKeepsItsSyntax() {
        String suite = examples().resolve("broken-blast.suite.json").toString();
        Result text = run("test", suite, "--quiet");
        assertEquals(1, text.code());
        assertTrue(text.out().contains("CRITICAL message_after_opt_out at followup: "), text.out());
        assertTrue(text.out().contains("FINDINGS ("), text.out());
        for (String markup : new String[]{"**", "`", "## ", "|---", "\n# "}) {
            assertFalse(text.out().contains(markup), "no Markdown '" + markup + "' in text output");
        }
        assertTrue(text.out().lines().allMatch(l -> l.length() <= 100 || !l.contains(" ")), "wrapped to the terminal");
        Result md = run("test", suite, "--quiet", "--format", "markdown");
        assertTrue(md.out().startsWith("# Rehearsal report: "));
        assertTrue(md.out().contains("**CRITICAL** `message_after_opt_out` at `followup`"), md.out());
    }

    @Test
    void mermaidDrawsEveryStepAndTransitionColouredByCoverage() throws Exception {
        Result r = run("test", examples().resolve("sms-lead-followup.suite.json").toString(), "--quiet", "--format", "mermaid");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("flowchart TD", lines.get(0));
        assertEquals(19, lines.stream().filter(l -> l.matches("  s\\d+[\\[({].*:::t_[a-z_]+")).count(), "a node per step");
        assertEquals(27, lines.stream().filter(l -> l.matches("  s\\d+ -(->|\\.->).*")).count(), "an edge per transition");
        JsonNode report = Json.mapper().readTree(run("test", examples().resolve("sms-lead-followup.suite.json").toString(),
                "--quiet", "--format", "json").out());
        assertEquals(report.at("/coverage/uncovered").size(), lines.stream().filter(l -> l.contains(" -.->")).count(),
                "untaken transitions are dashed");
        assertTrue(r.out().contains("s0[\"intro_sms<br/><small>send sms</small>\"]:::t_send_sms"), r.out());
        assertTrue(r.out().matches("(?s).*\\|\"on reply ×\\d+\"\\|.*"), "edges carry how many walks took them: " + r.out());
        assertFalse(r.out().contains("(end)") || r.out().contains(" end\n"), "the step id end is never a bare Mermaid id");
    }

    @Test
    void jsonFormatPrintsBadInputAsJsonOnStdout(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, """
                {"id":"b","name":"b","start":"a","steps":[
                  {"id":"a","type":"send_fax","next":"zzz"}
                ]}
                """);
        for (String command : new String[]{"test", "validate"}) {
            Result r = run(command, bad.toString(), "--format", "json");
            assertEquals(2, r.code(), command);
            assertEquals("", r.err(), command + " writes nothing else");
            JsonNode err = Json.mapper().readTree(r.out()).get("error");
            assertEquals("invalid_input", err.get("code").asText());
            assertEquals(bad.toString(), err.get("file").asText());
            assertTrue(err.get("problems").size() >= 2, err.toString());
            JsonNode first = err.get("problems").get(0);
            assertEquals(2, first.get("line").asInt(), first.toString());
            assertTrue(first.get("pointer").asText().startsWith("/steps/0"), first.toString());
        }
        Result start = run("test", examples().resolve("sms-lead-followup.workflow.json").toString(), "--format", "json",
                "--start", "tomorrow");
        assertEquals(2, start.code());
        assertEquals("invalid_start", Json.mapper().readTree(start.out()).at("/error/code").asText());
        Result text = run("test", bad.toString());
        assertEquals("", text.out(), "without --format json problems stay on standard error");
        assertTrue(text.err().contains("bad.json:2:"));
    }

    @Test
    void huntGivesEveryTransitionAStatusAndOffLeavesTheUntakenUnknown() {
        String suite = examples().resolve("sms-lead-followup.suite.json").toString();
        JsonNode on = Json.mapper().valueToTree(Json.convert(parse(run("test", suite, "--format", "json", "--quiet").out()), Object.class));
        JsonNode off = Json.mapper().valueToTree(Json.convert(parse(run("test", suite, "--format", "json", "--quiet", "--hunt", "off").out()), Object.class));
        java.util.Map<String, Integer> onCounts = new java.util.TreeMap<>(), offCounts = new java.util.TreeMap<>();
        on.get("coverage").get("statuses").forEach(t -> onCounts.merge(t.get("status").asText(), 1, Integer::sum));
        off.get("coverage").get("statuses").forEach(t -> offCounts.merge(t.get("status").asText(), 1, Integer::sum));
        assertEquals(on.get("coverage").get("transitions").asInt(), onCounts.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(null, onCounts.get("unknown"), onCounts::toString);
        assertTrue(onCounts.getOrDefault("witnessed", 0) > 0, onCounts::toString);
        assertEquals(onCounts.get("witnessed"), offCounts.get("unknown"), offCounts::toString);
        assertEquals(2, run("test", suite, "--hunt", "maybe").code());
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
        assertEquals(2, r.err().lines().filter(l -> l.contains(" walks, ")).count());
    }

    @Test
    void estimateMultipliesByTheWalksAndRefusesImpossibleRuns() throws Exception {
        String suite = examples().resolve("sms-lead-followup.suite.json").toString();
        String[] base = {"estimate", suite, "--provider", "bedrock", "--model", "us.anthropic.claude-haiku-4-5-20251001-v1:0",
                "--format", "json"};
        Result one = run(base);
        assertEquals(0, one.code(), one.err());
        String[] five = java.util.Arrays.copyOf(base, base.length + 2);
        five[base.length] = "--runs";
        five[base.length + 1] = "5";
        Result r = run(five);
        assertEquals(0, r.code(), r.err());
        JsonNode a = Json.mapper().readTree(one.out()).get("estimate"), b = Json.mapper().readTree(r.out()).get("estimate");
        assertEquals(5 * a.get("calls").asLong(), b.get("calls").asLong());
        assertEquals(5 * a.get("dollars").asDouble(), b.get("dollars").asDouble(), 1e-9);
        assertTrue(b.get("assumptions").toString().contains("5 walks per persona"), b.toString());
        five[base.length + 1] = "0";
        assertEquals(2, run(five).code());
    }

    @Test
    void estimateAwsRunsTheStateMachineAndPricesItsOrchestrationWithoutAnLlm() throws Exception {
        String wf = examples().resolve("sms-lead-followup.workflow.json").toString();
        Result r = run("estimate", wf, "--aws", "--personas", "cold-carl", "--runs", "2", "--format", "json", "--times", "10");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = Json.mapper().readTree(r.out());
        assertFalse(doc.has("estimate"), "no LLM: no token estimate");
        JsonNode aws = doc.get("aws");
        assertEquals(2, aws.get("walks").asInt());
        assertEquals("us-east-1", aws.get("region").asText());
        assertTrue(aws.get("standard_transitions").asDouble() > 0 && aws.get("standard_transitions").asDouble() % 10 == 0, aws.toString());
        assertTrue(aws.get("orchestration_dollars").asDouble() > 0, aws.toString());
        Result text = run("estimate", wf, "--personas", "cold-carl");
        assertEquals(2, text.code(), "without --aws the offline engine has nothing to price");
        assertTrue(text.err().contains("--aws"), text.err());
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
    void validateWithSpamAssassinReportsItsVerdictBesideOurs() {
        var sa = dev.rehearsal.local.spamassassin.SpamAssassin.onPath();
        if (sa.isEmpty() && "true".equals(System.getenv("CI"))) fail("CI=true but spamassassin is not on PATH; .ci/run installs it");
        org.junit.jupiter.api.Assumptions.assumeTrue(sa.isPresent(), "spamassassin not installed");
        Result r = run("validate", "--spamassassin", "--format", "json", examples().resolve("broken-blast.workflow.json").toString());
        assertEquals(1, r.code(), r.err());
        JsonNode email = Json.mapper().valueToTree(parse(r.out())).get("spamassassin").get(0);
        assertEquals("promo_email", email.get("step").asText());
        assertEquals(100, email.get("rehearsal_score").asInt());
        assertEquals(5.0, email.get("required").asDouble());
        boolean shortener = false;
        for (JsonNode rule : email.get("rules")) shortener |= rule.get("name").asText().contains("SHORTNER");
        assertTrue(shortener, email.toString());
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

    /** Invariant 5 across processes: hash-ordered collections would differ between two JVMs, not within one. */
    @Test
    void twoSeparateJvmsWriteTheSameReportByteForByte() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String suite = examples().resolve("email-nurture.suite.json").toString();
        String[] outputs = new String[2];
        for (int i = 0; i < 2; i++) {
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "test", suite, "--format", "json", "--quiet").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            outputs[i] = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), outputs[i]);
        }
        assertTrue(outputs[0].contains("\"actions\""), "the report has action sets to order");
        assertEquals(outputs[0], outputs[1]);
    }

    @Test
    void expectationsNamingStepsOrPersonasThatDoNotExistAreBadInput(@TempDir Path dir) throws Exception {
        Path suite = dir.resolve("typo.suite.json");
        Files.writeString(suite, """
                {"name": "typos", "workflow": "%s",
                 "expectations": [
                   {"type": "never_reaches_step", "step": "bookng_sms"},
                   {"type": "reaches_step", "step": "booking_sms", "personas": ["cold-karl"]}
                 ]}
                """.formatted(examples().resolve("sms-lead-followup.workflow.json").toString().replace("\\", "/")));
        Result r = run("test", suite.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("'bookng_sms'") && r.err().contains("[/expectations/0/step]"), r.err());
        assertTrue(r.err().contains("'cold-karl'") && r.err().contains("[/expectations/1/personas/0]"), r.err());
        assertTrue(r.err().contains("typo.suite.json:4:"), "located in the suite file: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void anInlineWorkflowsProblemsAreLocatedInTheSuiteFile(@TempDir Path dir) throws Exception {
        Path suite = dir.resolve("inline.suite.json");
        Files.writeString(suite, """
                {"name": "inline",
                 "workflow": {"id": "w", "name": "w", "start": "a", "steps": [
                     {"id": "a", "type": "send_fax", "next": "a"}]}}
                """);
        Result r = run("test", suite.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("inline.suite.json:3:") && r.err().contains("[/workflow/steps/0/type]"), r.err());
    }

    @Test
    void aPersonaFileWithAnUnknownTimeZoneIsNamedWithItsProblem(@TempDir Path dir) throws Exception {
        Path persona = dir.resolve("dana.json");
        Files.writeString(persona, """
                {"name": "Dana", "description": "Decides fast.",
                 "personality": {"tone": "direct", "response_length": "short", "decision_speed": "fast", "objection_likelihood": "low"},
                 "contact": {"first_name": "Dana", "timezone": "Mars/Olympus_Mons"}}
                """);
        Result r = run("test", examples().resolve("sms-lead-followup.workflow.json").toString(), "--personas", persona.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("dana.json:3:") && r.err().contains("Mars/Olympus_Mons"), r.err());
    }
}
