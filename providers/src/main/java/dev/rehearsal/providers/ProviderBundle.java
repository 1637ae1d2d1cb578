package dev.rehearsal.providers;

import dev.rehearsal.engine.llm.MessageAnalyst;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.Recommender;
import dev.rehearsal.engine.llm.Usage;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.providers.cost.PriceTable;
import dev.rehearsal.providers.cost.UsageMeter;

/**
 * The jobs for one configured provider. For {@code offline} the three LLM jobs are null: the caller
 * plugs in the offline engine and the rules-only checks. {@code classifier} reads replies for the
 * workflow's conditions: the code rules unless the configuration asks for the LLM job.
 */
public record ProviderBundle(PersonaResponder responder, MessageAnalyst analyst, Recommender recommender,
                             UsageMeter meter, PriceTable prices, ProviderConfig config, ReplyClassifier classifier) {
    public ProviderBundle {
        if (classifier == null) classifier = ReplyClassifier.rules();
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
