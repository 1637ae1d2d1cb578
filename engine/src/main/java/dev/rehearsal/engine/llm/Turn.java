package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One message in the conversation so far: {@code fromLead} false for what the workflow sent,
 * true for the lead's reply. {@code at} is virtual time (epoch milliseconds). {@code actions} are what
 * the lead did with a message the workflow sent (opened, clicked, booked, unsubscribed); empty for
 * replies and for sessions stored before they were recorded.
 */
public record Turn(boolean fromLead, Channel channel, String subject, String text, long at,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) Set<Action> actions) {
    public Turn {
        actions = actions == null || actions.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Action.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(actions));
    }

    public Turn(boolean fromLead, Channel channel, String subject, String text, long at) {
        this(fromLead, channel, subject, text, at, null);
    }

    public Turn withActions(Set<Action> a) {
        return new Turn(fromLead, channel, subject, text, at, a);
    }
}
