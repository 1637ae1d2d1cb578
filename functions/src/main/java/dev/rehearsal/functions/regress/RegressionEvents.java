package dev.rehearsal.functions.regress;

import com.fasterxml.jackson.databind.JsonNode;

/** Where regression events go: EventBridge on AWS ({@link EventBridgePublisher}), a list or stdout locally. */
@FunctionalInterface
public interface RegressionEvents {
    String SOURCE = "rehearsal.regression";
    String DETAIL_TYPE = "Suite regression";

    void publish(JsonNode detail);
}
