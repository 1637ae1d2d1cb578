package dev.rehearsal.functions.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.rehearsal.engine.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** PutEvents against a loopback server speaking EventBridge's JSON 1.1 protocol: request shape, accepted and rejected entries. */
class EventBridgePublisherTest {
    HttpServer server;
    final List<Map<String, Object>> seen = new CopyOnWriteArrayList<>();
    volatile String answer;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(Map.of("target", String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target")),
                    "auth", String.valueOf(ex.getRequestHeaders().getFirst("Authorization")),
                    "type", String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")), "body", body));
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    EventBridgePublisher publisher() {
        EventBridgeClient client = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
                .build();
        return new EventBridgePublisher(client, "rehearsal-regressions");
    }

    @Test
    void sendsOneSignedPutEventsEntryWithTheDetail() throws Exception {
        answer = "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}]}";
        publisher().publish(Json.mapper().readTree("{\"suiteId\":\"nightly\",\"outcome\":\"regressed\"}"));
        assertEquals(1, seen.size());
        assertEquals("AWSEvents.PutEvents", seen.get(0).get("target"));
        assertTrue(seen.get(0).get("type").toString().startsWith("application/x-amz-json-1.1"));
        assertTrue(seen.get(0).get("auth").toString().startsWith("AWS4-HMAC-SHA256 Credential=AKIDTEST/"));
        JsonNode entry = Json.mapper().readTree(seen.get(0).get("body").toString()).get("Entries").get(0);
        assertEquals(RegressionEvents.SOURCE, entry.get("Source").asText());
        assertEquals(RegressionEvents.DETAIL_TYPE, entry.get("DetailType").asText());
        assertEquals("rehearsal-regressions", entry.get("EventBusName").asText());
        assertEquals("regressed", Json.mapper().readTree(entry.get("Detail").asText()).get("outcome").asText());
    }

    @Test
    void aRejectedEntryFailsLoudlyWithItsErrorCode() {
        answer = "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"try again\"}]}";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> publisher().publish(Json.mapper().createObjectNode().put("suite_id", "s")));
        assertTrue(e.getMessage().contains("InternalFailure"), e.getMessage());
    }
}
