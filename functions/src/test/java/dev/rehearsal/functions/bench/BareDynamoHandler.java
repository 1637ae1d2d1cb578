package dev.rehearsal.functions.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.rehearsal.store.DynamoDbClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The cold-start baseline: a Lambda stream handler that only builds a DynamoDB client at class
 * init (the same way our handlers do, {@link DynamoDbClients#fromEnvironment()}) and answers
 * {@code {}} without calling DynamoDB. Our handlers' cold start divided by this one is the cost
 * of our own init and first request relative to what the SDK costs anyway.
 */
public class BareDynamoHandler implements RequestStreamHandler {
    static final DynamoDbClient CLIENT = DynamoDbClients.fromEnvironment();

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        in.readAllBytes();
        out.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
