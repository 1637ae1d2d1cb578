package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** The ordered, numbered event log of one execution; safe to append from concurrent branches. */
public final class ExecutionHistory {
    private final List<HistoryEvent> events = new ArrayList<>();
    private final Clock clock;

    ExecutionHistory(Clock clock) { this.clock = clock; }

    /** Appends an event and returns its id. */
    synchronized long add(long previousEventId, String type, ObjectNode details) {
        long id = events.size() + 1;
        events.add(new HistoryEvent(id, previousEventId, type, clock.now(), details));
        return id;
    }

    public synchronized int size() { return events.size(); }

    public synchronized List<HistoryEvent> events() { return List.copyOf(events); }

    public synchronized List<String> types() {
        List<String> t = new ArrayList<>(events.size());
        for (HistoryEvent e : events) t.add(e.type());
        return t;
    }

    public ArrayNode toJson() {
        ArrayNode a = Json.array();
        for (HistoryEvent e : events()) a.add(e.toJson());
        return a;
    }
}
