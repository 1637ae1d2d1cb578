package dev.rehearsal.functions.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * EventBridge PutEvents over the AWS JSON 1.1 protocol, SigV4-signed with the SDK's signer and
 * sent with the URL-connection client (the EventBridge SDK module is not in the build; this keeps
 * the Lambda package small). Fails loudly if the entry is not accepted.
 */
public final class EventBridgePublisher implements RegressionEvents {
    private final SdkHttpClient http;
    private final String region;
    private final String busName;

    public EventBridgePublisher(SdkHttpClient http, String region, String busName) {
        this.http = http;
        this.region = region;
        this.busName = busName;
    }

    public static EventBridgePublisher fromEnvironment() {
        String region = System.getenv("AWS_REGION");
        String bus = System.getenv("EVENT_BUS_NAME");
        return new EventBridgePublisher(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10)).build(), region == null ? "us-east-1" : region,
                bus == null || bus.isBlank() ? "default" : bus);
    }

    @Override
    public void publish(JsonNode detail) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode entries = body.putArray("Entries");
        entries.addObject().put("Source", SOURCE).put("DetailType", DETAIL_TYPE).put("EventBusName", busName)
                .put("Detail", Json.write(detail));
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest req = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                .uri(URI.create("https://events." + region + ".amazonaws.com/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AWSEvents.PutEvents").build();
        AwsCredentialsIdentity creds = EnvironmentVariableCredentialsProvider.create().resolveCredentials();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(creds).request(req)
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "events")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            HttpExecuteResponse resp = http.prepareRequest(HttpExecuteRequest.builder().request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null)).build()).call();
            String text = resp.responseBody().map(b -> {
                try {
                    return new String(b.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).orElse("");
            if (!resp.httpResponse().isSuccessful() || Json.mapper().readTree(text).path("FailedEntryCount").asInt() > 0) {
                throw new IllegalStateException("PutEvents failed (" + resp.httpResponse().statusCode() + "): " + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PutEvents failed", e);
        }
    }
}
