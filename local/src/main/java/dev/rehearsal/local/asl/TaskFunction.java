package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** An in-process stand-in for a Task's resource, e.g. a Lambda handler class adapted to JSON in/out. */
@FunctionalInterface
public interface TaskFunction {
    JsonNode invoke(JsonNode input, TaskContext ctx) throws TaskFailure;
}
