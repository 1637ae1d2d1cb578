package dev.rehearsal.functions.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.rehearsal.store.DynamoDbClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A second, stricter baseline: {@link BareDynamoHandler} plus one consistent GetItem on the table
 * ({@code TABLE_NAME}), so the SDK's first-request cost (marshalling, signing, HTTP connection) is
 * in the baseline too. Every one of our handlers makes at least one such call.
 */
public class BareDynamoGetHandler implements RequestStreamHandler {
    static final DynamoDbClient CLIENT = DynamoDbClients.fromEnvironment();
    static final String TABLE = System.getenv("TABLE_NAME");

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        in.readAllBytes();
        boolean found = CLIENT.getItem(GetItemRequest.builder().tableName(TABLE).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("BENCH"), "sk", AttributeValue.fromS("NONE"))).build()).hasItem();
        out.write(("{\"found\":" + found + "}").getBytes(StandardCharsets.UTF_8));
    }
}
