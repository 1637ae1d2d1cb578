package dev.rehearsal.providers.bedrock;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

import java.net.URI;
import java.time.Duration;

/** Builds the one Bedrock runtime client a process needs. */
public final class BedrockClients {
    private BedrockClients() {
    }

    /**
     * SDK retries are off: {@code RetryingChatModel} retries with an injectable sleeper and honours
     * Retry-After, and two retry layers would multiply attempts. {@code endpoint} is null in AWS.
     */
    public static BedrockRuntimeClient create(String region, URI endpoint, Duration timeout,
                                              AwsCredentialsProvider credentials) {
        BedrockRuntimeClientBuilder b = BedrockRuntimeClient.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(timeout)
                        .apiCallTimeout(timeout));
        if (endpoint != null) b.endpointOverride(endpoint);
        return b.build();
    }
}
