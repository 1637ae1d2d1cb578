package dev.rehearsal.providers;

import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.Recommender;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.workflow.WorkflowSettings;
import dev.rehearsal.providers.cost.PriceTable;
import dev.rehearsal.providers.cost.UsageMeter;

/**
 * The jobs for one configured provider. For {@code offline} the three LLM jobs are null: the caller
 * plugs in the offline engine and the rules-only checks. {@code classifier} reads replies for the
 * workflow's conditions: the code rules unless the configuration asks for the LLM job.
 * {@code llmClassifier} is the reply-classification job (null offline), for workflows that ask for it
 * ({@link #classifierFor}).
 */
public record ProviderBundle(PersonaResponder responder, MessageAnalyst analyst, Recommender recommender,
                             UsageMeter meter, PriceTable prices, ProviderConfig config, ReplyClassifier classifier,
                             ReplyClassifier llmClassifier) {
    public ProviderBundle {
        if (classifier == null) classifier = ReplyClassifier.rules();
    }

    public ProviderBundle(PersonaResponder responder, MessageAnalyst analyst, Recommender recommender, UsageMeter meter,
                          PriceTable prices, ProviderConfig config, ReplyClassifier classifier) {
        this(responder, analyst, recommender, meter, prices, config, classifier, null);
    }

    /**
     * Who reads this workflow's replies: the run's explicit setting (--reply-classifier,
     * REHEARSAL_REPLY_CLASSIFIER) wins, then the workflow's {@code settings.reply_classifier}, then the rules.
     * The LLM job needs a provider; offline, the rules read.
     */
    public ReplyClassifier classifierFor(WorkflowSettings settings) {
        return choose(config.replyClassifier(), settings, llmClassifier);
    }

    /** The rule of {@link #classifierFor}, for callers that hold the pieces (the AWS step handler). */
    public static ReplyClassifier choose(String runSetting, WorkflowSettings settings, ReplyClassifier llm) {
        String wanted = runSetting != null ? runSetting : settings != null && settings.replyClassifier() != null
                ? settings.replyClassifier() : "rules";
        return wanted.equals("llm") && llm != null ? llm : ReplyClassifier.rules();
    }


    /** Everything this bundle's jobs consumed so far. */
    public Usage usage() {
        return meter.total();
    }

    /** Dollars for {@link #usage()} at the configured model's price (0 when unpriced). */
    public double cost() {
        return prices.cost(config.model(), meter.total());
    }
}
