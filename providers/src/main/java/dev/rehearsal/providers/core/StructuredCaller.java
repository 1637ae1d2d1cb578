package dev.rehearsal.providers.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.llm.Usage;

/**
 * Calls a model for one job's structured answer: parse, validate against the job's schema, one
 * repair attempt that shows the model its invalid answer and the validation errors, then give up
 * with an error the interaction records. Never throws for provider trouble.
 */
public final class StructuredCaller {
    private final ChatModel model;

    public StructuredCaller(ChatModel model) {
        this.model = model;
    }

    /** {@code retryable}: the failure was throttling, a timeout or a 5xx that outlasted the call's retries. */
    /** {@code servedModel}: the model version the provider says answered (null when it says none). */
    public record Result(JsonNode value, Usage usage, String error, boolean retryable, String servedModel) {
        public Result(JsonNode value, Usage usage, String error, boolean retryable) {
            this(value, usage, error, retryable, null);
        }

        public Result(JsonNode value, Usage usage, String error) {
            this(value, usage, error, false);
        }

        public boolean ok() {
            return error == null;
        }
    }

    public Result call(ChatPrompt prompt) {
        Usage usage = Usage.NONE;
        try {
            ChatAnswer first = model.complete(prompt);
            usage = usage.plus(first.usage());
            AnswerParser.Parsed parsed = AnswerParser.parse(first.text(), prompt.schema());
            if (parsed.valid()) return new Result(parsed.value(), usage, null, false, first.servedModel());

            ChatAnswer second = model.complete(prompt.withRepair(first.text(), parsed.problems()));
            usage = usage.plus(second.usage());
            AnswerParser.Parsed repaired = AnswerParser.parse(second.text(), prompt.schema());
            if (repaired.valid()) return new Result(repaired.value(), usage, null, false, second.servedModel());
            return new Result(null, usage, model.provider() + " " + model.model() + ": answer invalid for "
                    + prompt.schema().name() + " after one repair attempt: " + String.join("; ", repaired.problems()));
        } catch (ProviderException e) {
            return new Result(null, usage, e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            // An adapter bug must not stop the run either; record it like a provider failure.
            return new Result(null, usage, model.provider() + " " + model.model() + ": unexpected "
                    + e.getClass().getSimpleName() + ": " + Secrets.redact(e.getMessage()));
        }
    }

    public ChatModel model() {
        return model;
    }
}
