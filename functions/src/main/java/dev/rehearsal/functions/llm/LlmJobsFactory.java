package dev.rehearsal.functions.llm;

import dev.rehearsal.providers.ProviderBundle;
import dev.rehearsal.providers.ProviderConfig;
import dev.rehearsal.providers.ProviderKind;
import dev.rehearsal.providers.Providers;
import dev.rehearsal.providers.core.Sleeper;
import dev.rehearsal.store.ReplayCacheRepository;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Builds the LLM jobs from the function's environment, as template.yaml sets it: {@code PROVIDER},
 * {@code PROVIDER_MODEL}, {@code PROVIDER_BASE_URL}, {@code PROVIDER_REPLAY} (off, record, replay) and
 * {@code PROVIDER_TIMEOUT_SECONDS}, {@code PROVIDER_MAX_ATTEMPTS} and
 * {@code PROVIDER_API_KEY_PARAMETER}, the name of an SSM SecureString read once per container (the
 * key itself is never in the environment). Each account gets its own bundle so its replay cache
 * stays its own. Returns null for the offline engine.
 */
public final class LlmJobsFactory {
    public static final String PROVIDER_ENV = "PROVIDER";
    public static final String MODEL_ENV = "PROVIDER_MODEL";
    public static final String BASE_URL_ENV = "PROVIDER_BASE_URL";
    public static final String REPLAY_ENV = "PROVIDER_REPLAY";
    public static final String CALIBRATION_ENV = "PROVIDER_CALIBRATION";
    public static final String KEY_PARAMETER_ENV = "PROVIDER_API_KEY_PARAMETER";
    /** Per function in template.yaml: attempts x timeout (plus back-off) must fit the function's own timeout. */
    public static final String TIMEOUT_ENV = "PROVIDER_TIMEOUT_SECONDS";
    public static final String MAX_ATTEMPTS_ENV = "PROVIDER_MAX_ATTEMPTS";

    private LlmJobsFactory() {
    }

    /** Reads a SecureString; only called when the provider needs a key. */
    public interface KeySource {
        String read(String parameterName);
    }

    public static Function<String, LlmJobs> fromEnvironment(Map<String, String> env, ReplayCacheRepository replays,
                                                            KeySource keys) {
        ProviderConfig config = config(env, keys);
        if (config == null) return null;
        Map<String, LlmJobs> perAccount = new ConcurrentHashMap<>();
        return account -> perAccount.computeIfAbsent(account, a -> {
            ProviderBundle b = Providers.create(config, Sleeper.REAL, new DynamoReplayStore(replays, a));
            return new LlmJobs(b.responder(), b.analyst(), b.recommender(),
                    config.replayMode() == dev.rehearsal.providers.replay.ReplayMode.REPLAY, b.llmClassifier());
        });
    }

    /** The provider settings of a function environment (null-free; OFFLINE when no provider is named). */
    public static ProviderConfig config(Map<String, String> env, KeySource keys) {
        Map<String, String> mapped = new HashMap<>();
        copy(env, PROVIDER_ENV, mapped, "REHEARSAL_PROVIDER");
        copy(env, MODEL_ENV, mapped, "REHEARSAL_MODEL");
        copy(env, BASE_URL_ENV, mapped, "REHEARSAL_BASE_URL");
        copy(env, REPLAY_ENV, mapped, "REHEARSAL_REPLAY");
        copy(env, CALIBRATION_ENV, mapped, "REHEARSAL_CALIBRATION");
        copy(env, TIMEOUT_ENV, mapped, ProviderConfig.ENV.get("timeout"));
        copy(env, MAX_ATTEMPTS_ENV, mapped, ProviderConfig.ENV.get("max-attempts"));
        copy(env, "AWS_REGION", mapped, "AWS_REGION");
        copy(env, LambdaPrices.ENV, mapped, ProviderConfig.ENV.get("price-file"));
        ProviderConfig config = ProviderConfig.resolve(mapped, Map.of());
        if (config.provider() == ProviderKind.OFFLINE) return null;
        if (config.provider() == ProviderKind.OPENAI && !onClasspath("com.openai.client.OpenAIClient")) {
            // The default Lambda jar leaves openai-java (and Kotlin) out to stay under 50 MB.
            throw new IllegalStateException("PROVIDER=openai needs the OpenAI client in the function jar: "
                    + "build it with mvn -Plambda-openai package");
        }
        String parameter = env.get(KEY_PARAMETER_ENV);
        boolean needsKey = config.provider() == ProviderKind.OPENAI || config.provider() == ProviderKind.OLLAMA;
        if (needsKey && parameter != null && !parameter.isBlank()) {
            String key = keys.read(parameter);
            config = config.provider() == ProviderKind.OPENAI ? config.withKeys(key, null) : config.withKeys(null, key);
        }
        return config;
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, LlmJobsFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static void copy(Map<String, String> from, String key, Map<String, String> to, String as) {
        String v = from.get(key);
        if (v != null && !v.isBlank()) to.put(as, v);
    }

    /** The AWS implementation: SSM GetParameter with decryption, URL-connection HTTP client. */
    public static KeySource ssm() {
        return name -> {
            try (SsmClient ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                return ssm(ssm).read(name);
            }
        };
    }

    /** The same read through a given client (tests point one at a loopback server). */
    public static KeySource ssm(SsmClient ssm) {
        return name -> ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter().value();
    }
}
