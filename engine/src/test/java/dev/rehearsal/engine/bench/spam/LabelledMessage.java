package dev.rehearsal.engine.bench.spam;

import dev.rehearsal.engine.validate.SpamScorer;
import dev.rehearsal.engine.workflow.MergeFields;

/** One labelled message of a spam corpus: SMS body, or email subject and body. */
public record LabelledMessage(boolean spam, SpamScorer.Channel channel, String vertical, String subject, String body) {

    /** The text the validator scores: merge fields rendered as for a contact with none set, subject before body. */
    public String scoredText() {
        String b = MergeFields.render(body, f -> null);
        return channel == SpamScorer.Channel.SMS ? b : MergeFields.render(subject, f -> null) + "\n" + b;
    }
}
