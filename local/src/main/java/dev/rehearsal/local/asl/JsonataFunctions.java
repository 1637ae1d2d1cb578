package dev.rehearsal.local.asl;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The functions Step Functions adds to JSONata: $partition, $range, $hash, $random, $uuid, $parse. */
final class JsonataFunctions {
    private JsonataFunctions() {}

    static void bindAll(Jsonata.Frame frame) {
        frame.bind("partition", fn((in, a) -> {
            List<?> arr = list(a.get(0));
            int size = ((Number) a.get(1)).intValue();
            if (size <= 0) throw JsonataEvaluator.queryError("$partition chunk size must be positive");
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i += size) out.add(new ArrayList<>(arr.subList(i, Math.min(arr.size(), i + size))));
            return out;
        }));
        frame.bind("range", fn((in, a) -> {
            long start = ((Number) a.get(0)).longValue(), end = ((Number) a.get(1)).longValue(), step = ((Number) a.get(2)).longValue();
            if (step == 0) throw JsonataEvaluator.queryError("$range step cannot be 0");
            List<Object> out = new ArrayList<>();
            for (long v = start; step > 0 ? v <= end : v >= end; v += step) out.add(v);
            // A one-item JSONata sequence is its item.
            return out.size() == 1 ? out.get(0) : out;
        }));
        frame.bind("hash", fn((in, a) -> IntrinsicFunctions.apply("States.Hash",
                List.of(JsonataEvaluator.toJson(a.get(0)), JsonataEvaluator.toJson(a.get(1)))).textValue()));
        frame.bind("random", fn((in, a) -> a.isEmpty() || a.get(0) == null
                ? ThreadLocalRandom.current().nextDouble()
                : new java.util.Random(((Number) a.get(0)).longValue()).nextDouble()));
        frame.bind("uuid", fn((in, a) -> UUID.randomUUID().toString()));
        frame.bind("parse", fn((in, a) -> {
            JsonNode n;
            try {
                n = Json.parse(String.valueOf(a.get(0)));
            } catch (IllegalArgumentException e) {
                throw JsonataEvaluator.queryError("$parse could not parse its argument as JSON");
            }
            return n == null || n instanceof NullNode ? Jsonata.NULL_VALUE : JsonataEvaluator.toJava(n);
        }));
    }

    private static Jsonata.JFunction fn(Jsonata.JFunctionCallable c) {
        return new Jsonata.JFunction(c, null);
    }

    private static List<?> list(Object o) {
        if (o instanceof List<?> l) return l;
        return o == null ? List.of() : List.of(o);
    }
}
