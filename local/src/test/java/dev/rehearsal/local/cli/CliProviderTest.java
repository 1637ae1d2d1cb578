package dev.rehearsal.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.local.testing.OllamaStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.*;

/**
 * `rehearse test --provider ollama` against a loopback server speaking Ollama's /api/chat: persona
 * replies, message analyses and recommendations all flow into the report.
 */
class CliProviderTest {
    OllamaStub server;

    @BeforeEach
    void start() {
        server = new OllamaStub();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void llmRepliesAnalysesAndRecommendationsReachTheReport() throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("test", CliTest.examples().resolve("broken-blast.workflow.json").toString(),
                "--personas", "price-conscious-pam", "--format", "json", "--provider", "ollama", "--model", "llama3.2",
                "--base-url", server.baseUrl(), "--replay", "off");
        assertEquals(1, code, err.toString());
        JsonNode report = Json.mapper().readTree(out.toString());
        assertTrue(report.at("/run/responder").asText().contains("llama3.2"), report.at("/run").toString());
        JsonNode first = report.at("/personas/0/transcript/0/reply");
        assertEquals("price_objection", first.get("intent").asText());
        assertEquals("What does it cost?", first.get("response").asText());
        assertEquals(4, report.get("message_analyses").size(), "one analysis per message step, the orphan included");
        assertEquals("ollama:llama3.2 analysis-2", report.at("/message_analyses/0/model").asText(), "who judged each message");
        boolean aggressive = false;
        for (JsonNode i : report.get("issues")) aggressive |= i.get("type").asText().equals("tone_issue");
        assertTrue(aggressive, "the analyst's 'aggressive' tone becomes a finding by code");
        assertTrue(report.get("recommendations").toString().contains(OllamaStub.RECOMMENDATION));
        assertTrue(report.at("/usage/calls").asLong() >= 5, report.get("usage").toString());
        assertTrue(err.toString().contains("LLM usage:"), err.toString());
        assertTrue(server.requests.stream().allMatch(r -> r.path("stream").isBoolean() && !r.get("stream").asBoolean()));
    }

    @Test
    void theWorkflowChoosesTheLlmClassifierAndTheReportCarriesTheModelAndItsWarnings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var wf = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(
                java.nio.file.Files.readString(CliTest.examples().resolve("sms-lead-followup.workflow.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) wf.get("settings")).put("reply_classifier", "llm");
        java.nio.file.Path file = dir.resolve("llm-read.workflow.json");
        java.nio.file.Files.writeString(file, Json.write(wf));
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.execute("test", file.toString(), "--personas", "price-conscious-pam", "--format", "json", "--provider", "ollama",
                "--model", "llama3.2", "--base-url", server.baseUrl(), "--replay", "off");
        JsonNode report = Json.mapper().readTree(out.toString());
        JsonNode first = report.at("/personas/0/transcript/0");
        assertEquals("price_objection", first.at("/reply/intent").asText(), "what the lead meant");
        assertEquals("interested", first.at("/reading/intent").asText(), "what the separate classification call read");
        assertEquals("llm:ollama:llama3.2", first.at("/reading/classifier").asText());
        assertEquals(3, report.get("report_version").asInt());
        assertEquals("ollama", report.at("/run/responder_info/engine").asText());
        assertEquals("llama3.2", report.at("/run/responder_info/version").asText(), "the model version the server reported");
        assertEquals("persona-3", report.at("/run/responder_info/prompt_version").asText());
        assertTrue(report.at("/run/warnings/0").asText().startsWith("no price for model llama3.2"), report.at("/run").toString());
        assertTrue(err.toString().contains("rehearse: warning: no price for model llama3.2"), err.toString());

        StringWriter text = new StringWriter();
        cl.setOut(new PrintWriter(text));
        cl.execute("test", file.toString(), "--personas", "price-conscious-pam", "--provider", "ollama", "--model", "llama3.2",
                "--base-url", server.baseUrl(), "--replay", "off", "--reply-classifier", "rules");
        assertTrue(text.toString().contains("Warning: no price for model llama3.2"), text.toString());
        assertTrue(text.toString().contains("responder ollama:llama3.2 persona-3"), text.toString());
    }

    @Test
    void aRecordedRunWhoseClassifierMisreadsRepliesShowsIntentMisreadWithItsRate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // Pam means a price objection; the workflow's LLM classifier reads "What does it cost?" as interested,
        // so the route sends the booking link where the lead meant the pricing branch.
        var wf = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(
                java.nio.file.Files.readString(CliTest.examples().resolve("sms-lead-followup.workflow.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) wf.get("settings")).put("reply_classifier", "llm");
        java.nio.file.Path file = dir.resolve("misread.workflow.json");
        java.nio.file.Files.writeString(file, Json.write(wf));
        String recordings = dir.resolve("recordings").toString();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        cl.execute("test", file.toString(), "--personas", "price-conscious-pam", "--format", "json", "--provider", "ollama",
                "--model", "llama3.2", "--base-url", server.baseUrl(), "--replay", "record", "--replay-dir", recordings);
        int calls = server.requests.size();

        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.execute("test", file.toString(), "--personas", "price-conscious-pam", "--format", "json", "--provider", "ollama",
                "--model", "llama3.2", "--base-url", server.baseUrl(), "--replay", "replay", "--replay-dir", recordings);
        assertEquals(calls, server.requests.size(), "the replay answers from the recordings only");
        JsonNode report = Json.mapper().readTree(out.toString());
        JsonNode misread = null;
        for (JsonNode i : report.get("issues")) if (i.get("type").asText().equals("intent_misread")) misread = i;
        assertNotNull(misread, report.get("issues").toString());
        assertTrue(misread.toString().contains("\"route\""), "found at the route condition: " + misread);
        assertTrue(misread.get("message").asText().matches("\\d+ of \\d+ \\(\\d+%\\) of Price-Conscious Pam's intent-routed replies were misread.*"),
                misread.get("message").asText());
    }

    @Test
    void offlineNeedsNoKeyAndCallsNoServer() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("test", CliTest.examples().resolve("sms-lead-followup.suite.json").toString(), "--format", "json");
        assertEquals(0, code, err.toString());
        assertTrue(server.requests.isEmpty());
        assertFalse(out.toString().contains("message_analyses"));
    }
}
