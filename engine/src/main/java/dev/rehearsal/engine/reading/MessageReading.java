package dev.rehearsal.engine.reading;

import dev.rehearsal.engine.llm.Channel;

import java.util.List;
import java.util.Map;

/**
 * What a person reacts to in one outbound message, as {@link MessageReader} reads it. This record is
 * what "a message feature" means for common random numbers (issue 9): two messages with equal
 * readings get the same reply decisions from the offline engine for every seed and walk.
 *
 * @param act          what the message does
 * @param channel      the channel it arrived on
 * @param language     "en" or "es"
 * @param vertical     the business vertical (declared in the workflow's settings or inferred)
 * @param replyCodes   reply codes offered on this channel, in order, each with what it means
 *                     ("C" -> "confirm", "R" -> "reschedule", "YES" -> "yes"); empty when none
 * @param link         the message carries a link
 * @param offer        price, free, discount, trial
 * @param questions    the questions the message asks, in order, trimmed
 * @param topic        what the message is about in a few words ("intro session", "cleaning"), or null
 * @param when         a date/time it names ("tomorrow at 10:00"), or null
 * @param technical    it carries technical detail (API, security, specs)
 * @param proof        it carries social proof (reviews, ratings, customers)
 * @param shouting     two or more shouted words, or mostly capitals
 * @param urgency      pressure words (act now, last chance, today only)
 * @param exclaims     three or more exclamation marks
 * @param spammy       shouting, urgency and exclamations together, or classic spam phrases
 * @param offTopic     the message is about another vertical than the sender's (declared, or read
 *                     from the sender name and earlier messages)
 */
public record MessageReading(Act act, Channel channel, String language, Vertical vertical,
                             Map<String, String> replyCodes, boolean link, Offer offer, List<String> questions,
                             String topic, String when, boolean technical, boolean proof, boolean shouting,
                             boolean urgency, boolean exclaims, boolean spammy, boolean offTopic) {

    public MessageReading {
        replyCodes = replyCodes == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(replyCodes));
        questions = questions == null ? List.of() : List.copyOf(questions);
    }

    /** The code offered for a meaning ("confirm"), or null when this message offers none. */
    public String codeFor(String meaning) {
        for (var e : replyCodes.entrySet()) if (e.getValue().equals(meaning)) return e.getKey();
        return null;
    }

    public boolean asks() {
        return !questions.isEmpty() || !replyCodes.isEmpty();
    }

    /** Shouting, spam phrases or pressure: what makes a reader trust the sender less. */
    public boolean pushy() {
        return spammy || shouting || urgency;
    }
}
