package dev.rehearsal.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
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
 * Creates the one Rehearsal table (string keys {@code pk}, {@code sk}, on-demand billing, the
 * listing index as template.yaml declares them) where the SAM template does not: tests and the
 * local runtime. TTL on {@code expiresAt} is enabled by
 * the template on AWS; locally reads filter expired items themselves.
 */
public final class TableAdmin {
    private TableAdmin() {
    }

    public static void createTable(DynamoDbClient client, String tableName) {
        try {
            client.createTable(b -> b.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(string(Keys.PK), string(Keys.SK), string(Keys.BY_TIME_PK),
                            string(Keys.BY_TIME_SK))
                    .keySchema(key(Keys.PK, KeyType.HASH), key(Keys.SK, KeyType.RANGE))
                    .globalSecondaryIndexes(index(Keys.BY_TIME_INDEX, Keys.BY_TIME_PK, Keys.BY_TIME_SK)));
        } catch (ResourceInUseException exists) {
            // already there
        }
        for (int i = 0; i < 200; i++) {
            TableStatus s = client.describeTable(b -> b.tableName(tableName)).table().tableStatus();
            if (s == TableStatus.ACTIVE) {
                warnWithoutIndexes(client, tableName);
                return;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("table " + tableName + " did not become ACTIVE");
    }

    /**
     * A local table created before the listing index keeps working except for the listings (dynalite
     * cannot add an index to a table): said once, with the way out.
     */
    private static void warnWithoutIndexes(DynamoDbClient client, String tableName) {
        if (!client.describeTable(b -> b.tableName(tableName)).table().hasGlobalSecondaryIndexes()) {
            System.err.println("rehearsal: table " + tableName + " predates the listing index (GET /workflows, /suites,"
                    + " /tests answer 500 on it); start with a new data directory to get them");
        }
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static GlobalSecondaryIndex index(String name, String pk, String sk) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(key(pk, KeyType.HASH), key(sk, KeyType.RANGE))
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build();
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
