package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** One execution history event, shaped like AWS's GetExecutionHistory entries. */
public record HistoryEvent(long id, long previousEventId, String type, Instant timestamp, ObjectNode details) {
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("id", id);
        o.put("previousEventId", previousEventId);
        o.put("type", type);
        o.put("timestamp", timestamp.toString());
        if (details != null && !details.isEmpty()) o.set(detailsKey(type), details);
        return o;
    }

    /** The AWS field name holding this event type's details, e.g. stateEnteredEventDetails. */
    static String detailsKey(String type) {
        if (type.endsWith("StateEntered")) return "stateEnteredEventDetails";
        if (type.endsWith("StateExited")) return "stateExitedEventDetails";
        if (type.startsWith("MapIteration")) return "mapIterationEventDetails";
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }
}
