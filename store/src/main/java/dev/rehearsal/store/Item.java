package dev.rehearsal.store;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds an item: key, entity type, owning account, then attributes. */
final class Item {
    private final Map<String, AttributeValue> m = new HashMap<>();

    static Item of(String pk, String sk, String type, String accountId) {
        Item i = new Item();
        i.m.put(Keys.PK, Table.s(pk));
        i.m.put(Keys.SK, Table.s(sk));
        i.m.put("type", Table.s(type));
        i.m.put("accountId", Table.s(accountId));
        return i;
    }

    Item s(String name, String value) {
        if (value != null) m.put(name, Table.s(value));
        return this;
    }

    Item n(String name, long value) {
        m.put(name, Table.n(value));
        return this;
    }

    Item list(String name, List<String> values) {
        m.put(name, Table.list(values));
        return this;
    }

    Map<String, AttributeValue> build() {
        return Map.copyOf(m);
    }
}
