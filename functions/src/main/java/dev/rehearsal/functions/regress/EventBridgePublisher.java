package dev.rehearsal.functions.regress;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

import java.time.Duration;

/**
 * Publishes regression events with EventBridge PutEvents. PutEvents answers 200 even when an entry
 * is rejected, so the per-entry result is checked and a rejection fails the regression run loudly.
 */
public final class EventBridgePublisher implements RegressionEvents {
    private final EventBridgeClient client;
    private final String busName;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this.client = client;
        this.busName = busName;
    }

    /** Region and credentials from the Lambda environment; {@code EVENT_BUS_NAME} names the bus. */
    public static EventBridgePublisher fromEnvironment() {
        String bus = System.getenv("EVENT_BUS_NAME");
        EventBridgeClient client = EventBridgeClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)).build())
                .build();
        return new EventBridgePublisher(client, bus == null || bus.isBlank() ? "default" : bus);
    }

    @Override
    public void publish(JsonNode detail) {
        PutEventsResponse r = client.putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                .source(SOURCE).detailType(DETAIL_TYPE).eventBusName(busName).detail(Json.write(detail)).build()));
        if (r.failedEntryCount() != null && r.failedEntryCount() > 0) {
            PutEventsResultEntry e = r.entries().isEmpty() ? null : r.entries().get(0);
            throw new IllegalStateException("PutEvents rejected the regression event on bus " + busName + ": "
                    + (e == null ? "no detail" : e.errorCode() + " " + e.errorMessage()));
        }
    }
}
