package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.workflow.Step;

import java.util.Map;

/**
 * A responder that also decides what the simulation otherwise draws from the world outside the lead:
 * an external call's outcome and outputs, and whether a message with a failure exit is delivered.
 * Only branch hunting implements it (its scripted lead); persona walks never see it.
 */
public interface ScriptedWorld {
    /** The call's outcome, or null to draw it as a walk would. */
    CallOutcome externalCall(Step step);

    /** False sends the message down its on_failure exit (the carrier or mail server refused it). */
    boolean delivers(Step step);

    /** {@code outputs} land on the contact when the call succeeds (fields the step declares). */
    record CallOutcome(boolean succeeded, Map<String, String> outputs) {
    }
}
