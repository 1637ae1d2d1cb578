package dev.rehearsal.engine.workflow;

/**
 * One edge of the workflow graph. {@code label} names the edge within its step
 * ("next", "on_reply", "on_timeout", "branch:&lt;label&gt;", "default") so coverage can list it.
 */
public record Transition(String from, String label, String to) {
    public String key() {
        return from + " -[" + label + "]-> " + to;
    }
}
