package dev.rehearsal.local.cli;

import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.providers.ProviderBundle;
import dev.rehearsal.providers.ProviderConfig;
import dev.rehearsal.providers.ProviderKind;
import dev.rehearsal.providers.Providers;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** The LLM provider flags shared by `test` and `estimate`; each overrides its environment variable. */
final class ProviderOptions {
    @Option(names = "--provider", description = "offline (default), bedrock, openai or ollama [REHEARSAL_PROVIDER]")
    String provider;
    @Option(names = "--model", description = "model id or inference profile [REHEARSAL_MODEL]")
    String model;
    @Option(names = "--base-url", description = "provider base URL (OpenAI-compatible gateway, hosted Ollama) [REHEARSAL_BASE_URL]")
    String baseUrl;
    @Option(names = "--region", description = "AWS region for Bedrock [AWS_REGION]")
    String region;
    @Option(names = "--timeout", description = "per-call timeout in seconds [REHEARSAL_TIMEOUT_SECONDS]")
    String timeout;
    @Option(names = "--max-attempts", description = "attempts per LLM call, 1-10 [REHEARSAL_MAX_ATTEMPTS]")
    String maxAttempts;
    @Option(names = "--replay", description = "off, record or replay [REHEARSAL_REPLAY]")
    String replay;
    @Option(names = "--replay-dir", description = "where recordings live [REHEARSAL_REPLAY_DIR]")
    String replayDir;
    @Option(names = "--price-file", description = "JSON price table overriding the bundled one [REHEARSAL_PRICE_FILE]")
    String priceFile;
    @Option(names = "--calibration", description = "auto, on or off: neutral channel-rule padding of the cacheable persona prompt [REHEARSAL_CALIBRATION]")
    String calibration;
    @Option(names = "--reply-classifier", description = "rules or llm: who reads replies for reply_intent/reply_sentiment (default rules) [REHEARSAL_REPLY_CLASSIFIER]")
    String replyClassifier;

    ProviderConfig config() {
        Map<String, String> flags = new HashMap<>();
        put(flags, "provider", provider);
        put(flags, "model", model);
        put(flags, "base-url", baseUrl);
        put(flags, "region", region);
        put(flags, "timeout", timeout);
        put(flags, "max-attempts", maxAttempts);
        put(flags, "replay", replay);
        put(flags, "replay-dir", replayDir);
        put(flags, "price-file", priceFile);
        put(flags, "calibration", calibration);
        put(flags, "reply-classifier", replyClassifier);
        return ProviderConfig.resolve(System.getenv(), flags);
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null) m.put(k, v);
    }

    /** The configured jobs; offline means the offline engine answers and no LLM analyses. */
    record Jobs(PersonaResponder responder, ProviderBundle bundle) {
        boolean offline() {
            return bundle == null;
        }
    }

    /** Jobs being built; {@link #get} throws what building them threw (IllegalArgumentException: bad settings). */
    interface Pending {
        Jobs get();

        /** Whether {@link #get} would answer without waiting. */
        default boolean ready() {
            return true;
        }
    }

    /**
     * Starts building the jobs now. With an LLM provider they are built and warmed ({@link Providers#createWarmed})
     * on a daemon thread, so the provider's client and the tokenizer load while the caller reads and validates the
     * workflow instead of inside the first walks (docs/PERFORMANCE.md, "Seven personas, 300 ms stub LLM").
     */
    Pending start() {
        ProviderConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            return () -> {
                throw e;
            };
        }
        if (config.provider() == ProviderKind.OFFLINE) return () -> jobs(config);
        FutureTask<Jobs> task = new FutureTask<>(() -> {
            ProviderBundle b = Providers.createWarmed(config);
            return new Jobs(b.responder(), b);
        });
        Thread t = new Thread(task, "rehearse-provider-warm-up");
        t.setDaemon(true);
        t.start();
        return new Pending() {
            @Override
            public boolean ready() {
                return task.isDone();
            }

            @Override
            public Jobs get() {
                return waitFor(task);
            }
        };
    }

    private static Jobs waitFor(FutureTask<Jobs> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the provider was being set up", e);
        }
    }

    static Jobs jobs(ProviderConfig config) {
        if (config.provider() == ProviderKind.OFFLINE) return new Jobs(new OfflinePersonaEngine(), null);
        ProviderBundle b = Providers.create(config);
        return new Jobs(b.responder(), b);
    }
}
