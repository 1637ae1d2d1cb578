package dev.rehearsal.engine.llm;

/**
 * The port behind which persona replies are written: the offline engine here, LLM providers in
 * the providers module. Implementations must not throw for provider trouble: they return
 * {@link PersonaReply#providerFailure} so the run goes on and records the error.
 */
public interface PersonaResponder {
    PersonaReply respond(ReplyRequest request);

    /** Short name for reports ("offline", "bedrock:anthropic.claude-..."). */
    String name();

    /**
     * What wrote the replies, for every verdict: engine, model, the model version the provider reported
     * and the prompt version. The offline engine has no model.
     */
    default ResponderInfo info() {
        return new ResponderInfo(name(), null, null, null);
    }
}
