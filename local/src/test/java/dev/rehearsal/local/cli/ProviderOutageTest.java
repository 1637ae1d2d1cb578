package dev.rehearsal.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.local.testing.OpenAiFaultStub;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A provider outage is the provider's, not the workflow's: `rehearse test --provider openai` as a whole
 * process (its own JVM, OPENAI_API_KEY in its environment) against a loopback OpenAI-protocol server.
 */
class ProviderOutageTest {
    record Result(int code, JsonNode report, String err) {
    }

    static Result rehearse(OpenAiFaultStub server, String... extra) throws Exception {
        Path out = Files.createTempFile("report", ".json");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "test",
                CliTest.examples().resolve("sms-lead-followup.suite.json").toString(), "--format", "json", "--out", out.toString(),
                "--provider", "openai", "--model", "gpt-4.1-mini", "--base-url", server.baseUrl(), "--replay", "off",
                "--max-attempts", "2", "--timeout", "5"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("OPENAI_API_KEY", "sk-test-loopback");
        pb.environment().remove("REHEARSAL_PROVIDER");
        Path err = Files.createTempFile("err", ".txt");
        pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "rehearse finished");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        return new Result(p.exitValue(), text.isBlank() ? null : Json.mapper().readTree(text), Files.readString(err));
    }

    @Test
    void everyCallFailingIsInconclusiveWithExit3AndNoWorkflowFailure() throws Exception {
        try (OpenAiFaultStub server = new OpenAiFaultStub(1.0)) {
            Result r = rehearse(server, "--personas", "eager-eddie,cold-carl");
            assertEquals(3, r.code(), r.err());
            assertEquals("inconclusive", r.report().get("verdict").asText());
            JsonNode outage = null;
            for (JsonNode i : r.report().get("issues")) if (i.get("type").asText().equals("provider_unavailable")) outage = i;
            assertTrue(outage != null, r.report().get("issues").toString());
            assertTrue(outage.get("message").asText().contains("HTTP 500"), outage.toString());
            for (JsonNode e : r.report().get("expectations")) assertFalse(e.get("verdict").asText().equals("fail"), e.toString());
            assertTrue(r.err().contains("INCONCLUSIVE"), r.err());
            assertTrue(server.calls.get() > 2, "the client really called the server");
        }
    }

    @Test
    void underThirtyPercentFaultsTheValidWalksDecide() throws Exception {
        try (OpenAiFaultStub server = new OpenAiFaultStub(0.3)) {
            Result r = rehearse(server, "--personas", "eager-eddie,cold-carl", "--runs", "3", "--concurrency", "2");
            assertTrue(r.code() == 0 || r.code() == 1, "pass or fail on the valid walks, not undecided: " + r.err());
            assertTrue(server.faults.get() > 0);
            assertTrue(r.report().get("run").get("walks").asInt() == 3);
        }
    }
}
