package dev.rehearsal.engine.workflow;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Every kind of step a workflow can contain; the wire name is the lower-case JSON value. */
public enum StepType {
    SEND_SMS, SEND_EMAIL, DELAY, WAIT_FOR_REPLY, CONDITION, ADD_TAG, REMOVE_TAG, UPDATE_CONTACT, NOTIFY_TEAM, GOAL, END,
    /** A call out of the workflow (HTTP request, function, webhook) with a success and a failure exit. */
    EXTERNAL_CALL,
    /** Stands in for an imported element Rehearsal cannot simulate: the walk passes through it. */
    PLACEHOLDER;

    /** Computed once: validators name a step's type in every finding. */
    private final String wire = name().toLowerCase(Locale.ROOT);
    private static final Map<String, StepType> BY_WIRE = Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(StepType::wireName, t -> t));

    public String wireName() {
        return wire;
    }

    public boolean sendsMessage() {
        return this == SEND_SMS || this == SEND_EMAIL;
    }

    /** A path may legitimately stop here. */
    public boolean terminal() {
        return this == END || this == GOAL;
    }

    public static Optional<StepType> fromWire(String s) {
        return Optional.ofNullable(s == null ? null : BY_WIRE.get(s));
    }
}
