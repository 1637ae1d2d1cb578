package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

/** What a task function may know and do: its resource, the context object, and time on the executor's clock. */
public interface TaskContext {
    String resource();

    String stateName();

    /** The Step Functions context object ($$) as the state sees it. */
    JsonNode contextObject();

    Instant now();

    /** Sleeps on the executor's clock; throws a States.Timeout failure if the task's TimeoutSeconds runs out. */
    void sleep(Duration d) throws TaskFailure;
}
