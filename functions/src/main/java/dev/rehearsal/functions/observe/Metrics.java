package dev.rehearsal.functions.observe;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudWatch metrics in the Embedded Metric Format: one JSON document per line on standard output,
 * which CloudWatch Logs turns into metrics (no API call, no client). Dimensions are a closed set
 * with bounded values (the function, the provider kind, an outcome or reason word), so the number
 * of metric series stays small whatever the traffic: an account or a run id is never a dimension
 * (it rides along as a plain property, searchable in Logs Insights).
 */
public final class Metrics {
    public static final String NAMESPACE = "Rehearsal";

    /** The only dimension names; each value must match {@link #BOUNDED_VALUE}. */
    public enum Dimension { Service, Provider, Outcome }

    /** Short lower-case words: function names, provider kinds, reason words. */
    static final Pattern BOUNDED_VALUE = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]{0,39}$");
    public static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    private final Map<Dimension, String> dimensions = new EnumMap<>(Dimension.class);
    private final Map<String, double[]> values = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private final Map<String, String> properties = new LinkedHashMap<>();

    private Metrics() {
    }

    /** A document for one function ({@code Service} dimension). */
    public static Metrics of(String service) {
        return new Metrics().dimension(Dimension.Service, service);
    }

    public Metrics dimension(Dimension d, String value) {
        if (value == null || !BOUNDED_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("dimension " + d + " needs a short word, not '" + value + "'");
        }
        dimensions.put(d, value);
        return this;
    }

    public Metrics count(String name, long n) {
        return put(name, n, "Count");
    }

    public Metrics put(String name, double value, String unit) {
        if (!UNITS.contains(unit)) throw new IllegalArgumentException("not a CloudWatch unit: " + unit);
        values.put(name, new double[]{value});
        units.put(name, unit);
        return this;
    }

    /** A searchable property that is not a dimension (a run id, an account). */
    public Metrics property(String name, String value) {
        if (value != null) properties.put(name, value);
        return this;
    }

    /** Writes the document (nothing when no metric was put). */
    public void emit() {
        if (values.isEmpty()) return;
        JsonLog.write(JsonLine.write(document(System.currentTimeMillis())));
    }

    /** The EMF document; a later key replaces an earlier one in its place, as in a JSON object tree. */
    Map<String, Object> document(long timestampMillis) {
        List<Object> names = new ArrayList<>();
        dimensions.keySet().forEach(d -> names.add(d.name()));
        List<Object> metrics = new ArrayList<>();
        values.forEach((name, v) -> metrics.add(ordered("Name", name, "Unit", units.get(name))));
        Map<String, Object> directive = ordered("Namespace", NAMESPACE, "Dimensions", List.of(names), "Metrics", metrics);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("_aws", ordered("Timestamp", timestampMillis, "CloudWatchMetrics", List.of(directive)));
        root.putAll(properties);
        dimensions.forEach((d, v) -> root.put(d.name(), v));
        values.forEach((name, v) -> root.put(name, number(v[0])));
        return root;
    }

    /** Whole values as integers ("Requests":1, not 1.0: counts read as counts in the raw log line); the rest as they are. */
    private static Object number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }
}
