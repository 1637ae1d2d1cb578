package dev.rehearsal.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates the one Rehearsal table (string keys {@code pk}, {@code sk}, on-demand billing) where
 * the SAM template does not: tests and the local runtime. TTL on {@code expiresAt} is enabled by
 * the template on AWS; locally reads filter expired items themselves.
 */
public final class TableAdmin {
    private TableAdmin() {
    }

    public static void createTable(DynamoDbClient client, String tableName) {
        try {
            client.createTable(b -> b.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(Keys.PK).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(Keys.SK).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(Keys.PK).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(Keys.SK).keyType(KeyType.RANGE).build()));
        } catch (ResourceInUseException exists) {
            // already there
        }
        for (int i = 0; i < 200; i++) {
            TableStatus s = client.describeTable(b -> b.tableName(tableName)).table().tableStatus();
            if (s == TableStatus.ACTIVE) return;
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("table " + tableName + " did not become ACTIVE");
    }

    /** Every item of the table (tests compare scans before and after a refused request). */
    public static List<Map<String, AttributeValue>> scanAll(DynamoDbClient client, String tableName) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanRequest.Builder b = ScanRequest.builder().tableName(tableName).consistentRead(true);
            if (start != null) b.exclusiveStartKey(start);
            ScanResponse r = client.scan(b.build());
            out.addAll(r.items());
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return out;
    }
}
