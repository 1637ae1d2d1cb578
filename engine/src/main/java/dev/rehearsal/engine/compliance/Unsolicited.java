package dev.rehearsal.engine.compliance;

import dev.rehearsal.engine.sim.ReplyRecord;

import java.time.Duration;
import java.util.List;

/**
 * The one definition of an <em>unsolicited</em> message (docs/VALIDATION.md): every message except an
 * answer, and an answer is a message sent at most {@link #ANSWER_WINDOW} after a message of the
 * contact's own arrived. Quiet hours, the frequency caps and the personas' provocation all use it.
 */
public final class Unsolicited {
    /** How soon after the contact wrote a message still counts as answering them. */
    public static final Duration ANSWER_WINDOW = Duration.ofMinutes(15);

    private Unsolicited() {
    }

    /** Whether a message sent at {@code sentAt} (epoch ms) answers one of the contact's replies. */
    public static boolean answers(List<ReplyRecord> replies, long sentAt) {
        long from = sentAt - ANSWER_WINDOW.toMillis();
        for (ReplyRecord r : replies) {
            if (r.text() != null && r.arrivesAt() <= sentAt && r.arrivesAt() >= from) return true;
        }
        return false;
    }
}
