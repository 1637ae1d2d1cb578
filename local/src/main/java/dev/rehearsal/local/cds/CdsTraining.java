package dev.rehearsal.local.cds;

import dev.rehearsal.local.cli.Main;

import java.nio.file.Path;

/**
 * The training run behind the launcher's class-data-sharing archive (docs/PERFORMANCE.md, "CLI cold start"): one
 * process does what users do most, so the classes of each path are archived once, parsed and verified —
 * `validate`, an offline `test` with the default walks and text report, and a `test` through the OpenAI provider
 * against a loopback {@link CannedOpenAiServer} (its client, HTTP stack and JSON mapping are the bulk of an LLM
 * run's start-up). Every option is given explicitly so the user's REHEARSAL_* settings cannot send it elsewhere;
 * the launcher supplies a dummy OPENAI_API_KEY and discards the output. Argument: the repository root.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        Trained t = train(Path.of(args[0]));
        System.err.printf("cds-training: validate=%d offline=%d llm=%d llm-calls=%d%n", t.validate(), t.offline(), t.llm(), t.llmCalls());
        System.exit(0);   // the provider's client keeps non-daemon threads; the archive is written at exit
    }

    /** The three runs' exit codes and the LLM calls the loopback server answered. */
    record Trained(int validate, int offline, int llm, int llmCalls) {
    }

    static Trained train(Path root) throws Exception {
        Path examples = root.resolve("examples");
        String suite = examples.resolve("sms-lead-followup.suite.json").toString();
        Path out = java.nio.file.Files.createTempFile("rehearse-cds-training", ".out");
        try (CannedOpenAiServer llm = new CannedOpenAiServer()) {
            int validate = Main.runAsProcess("validate", examples.resolve("sms-lead-followup.workflow.json").toString());
            int offline = Main.runAsProcess("test", suite, "--provider", "offline", "--quiet", "--out", out.toString());
            int viaLlm = Main.runAsProcess("test", suite, "--provider", "openai", "--model", "gpt-4.1-mini", "--base-url", llm.baseUrl(),
                    "--replay", "off", "--runs", "1", "--quiet", "--format", "json", "--out", out.toString());
            return new Trained(validate, offline, viaLlm, llm.calls());
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }
}
