package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What wrote a run's replies: {@code engine} ("offline", "openai", "bedrock", "ollama"), {@code model} (as
 * configured), {@code version} (the model version the provider reported answering, e.g.
 * "gpt-4.1-mini-2025-04-14"; null where it reports none) and {@code promptVersion} (the persona prompt's
 * wording, "persona-3", also part of the replay key).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponderInfo(String engine, String model, String version, @JsonProperty("prompt_version") String promptVersion) {

    /** One line for verdicts and renderers: "openai:gpt-4.1-mini@gpt-4.1-mini-2025-04-14 persona-3", or "offline". */
    public String label() {
        String base = model == null ? engine : engine + ":" + model;
        if (version != null && !version.equals(model)) base += "@" + version;
        return promptVersion == null ? base : base + " " + promptVersion;
    }
}
