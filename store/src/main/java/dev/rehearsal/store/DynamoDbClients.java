package dev.rehearsal.store;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;
import java.time.Duration;

/**
 * The Lambda-side client: URL-connection HTTP client, region from {@code AWS_REGION}, credentials
 * from the Lambda environment. {@code DYNAMODB_ENDPOINT} (e.g. http://127.0.0.1:8000) points it
 * at a local DynamoDB API server for {@code sam local} and the local runtime.
 */
public final class DynamoDbClients {
    public static final String ENDPOINT_ENV = "DYNAMODB_ENDPOINT";

    private DynamoDbClients() {
    }

    public static DynamoDbClient fromEnvironment() {
        String endpoint = System.getenv(ENDPOINT_ENV);
        if (endpoint != null && !endpoint.isBlank()) {
            return dev.rehearsal.store.local.Dynalite.clientFor(URI.create(endpoint));
        }
        String region = System.getenv("AWS_REGION");
        DynamoDbClientBuilder b = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)));
        // The default chain, not environment variables only: under SnapStart Lambda hands out credentials
        // through the container-credentials endpoint, not AWS_ACCESS_KEY_ID.
        if (region != null && !region.isBlank()) b.region(Region.of(region));
        return b.build();
    }
}
