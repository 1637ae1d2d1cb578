package dev.rehearsal.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The halved read gives what the one-thread streamed read gives, wherever its guess lands, valid input or not. */
class HalvedArrayReadTest {
    private static final Supplier<Function<JsonNode, JsonNode>> SAME = () -> e -> e;

    /** {@code n} elements; {@code nested} puts an array of objects whose first key is "id" in every element. */
    private static String doc(int n, String separator, boolean nested, String before, String after) {
        StringBuilder b = new StringBuilder("{").append(before).append("\"steps\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(separator);
            b.append("{\"id\":\"e").append(i).append("\",\"v\":").append(i);
            if (nested) b.append(",\"items\":[{\"id\":\"a").append(i).append("\"},{\"id\":\"b").append(i).append("\"}]");
            b.append(",\"t\":\"text ").append(i).append(" with }, { and \\\"id\\\" in it\"}");
        }
        return b.append("]").append(after).append("}").toString();
    }

    private static List<JsonNode> streamed(String text, List<JsonNode> out) {
        StreamedObject.Rest rest = StreamedObject.read(text, "steps", (i, e) -> out.add(e));
        return rest == null || rest.elements() < 0 ? null : out;
    }

    /** Both reads agree: the same elements and fields, or both null. Returns the halved read's result. */
    private static HalvedArrayRead.Result<JsonNode> agree(String text) {
        int split = HalvedArrayRead.splitPoint(text);
        assertTrue(split > 0, "a place to split in " + text.length() + " characters");
        HalvedArrayRead.Result<JsonNode> halved = HalvedArrayRead.read(text, "steps", split, SAME);
        List<JsonNode> one = streamed(text, new ArrayList<>());
        if (one == null) {
            assertNull(halved, "the streamed read refuses, so must the halved one");
            return null;
        }
        assertNotNull(halved, "the streamed read accepts, so must the halved one");
        assertEquals(one, halved.elements());
        StreamedObject.Rest rest = StreamedObject.read(text, "steps", (i, e) -> true);
        assertEquals(rest.fields(), halved.fields());
        assertEquals(List.copyOf(iterable(rest.fields())), List.copyOf(iterable(halved.fields())), "fields in document order");
        return halved;
    }

    private static List<String> iterable(JsonNode fields) {
        List<String> names = new ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void readsTheSameElementsAndFieldsWhateverTheLayout() {
        for (String sep : List.of(",", ", ", ",\n    ", " ,\r\n\t")) {
            for (int n : List.of(5, 17, 400)) {
                HalvedArrayRead.Result<JsonNode> r = agree(doc(n, sep, false, "\"id\":\"wf\",\"name\":\"x\",",
                        ",\"settings\":{\"timezone\":\"UTC\"},\"tail\":[1,{\"id\":2}]"));
                assertEquals(n, r.elements().size());
                assertEquals("e" + (n - 1), r.elements().get(n - 1).get("id").asText());
                agree(doc(n, sep, false, "", ""));                  // nothing but the array
                agree(doc(n, sep, false, "\"a\":1,", " "));         // a field before, whitespace after
            }
        }
    }

    /** Every element holds objects keyed "id": the guess may land in one of them; the first thread then reads on alone. */
    @Test
    void aGuessInsideANestedArrayIsDroppedAndTheReadStillAgrees() {
        int landedInside = 0;
        for (int n = 2; n < 60; n++) {
            String text = doc(n, ",", true, "\"name\":\"nested\",", ",\"after\":true");
            int split = HalvedArrayRead.splitPoint(text);
            if (!text.startsWith("{\"id\":\"e", split)) landedInside++;
            HalvedArrayRead.Result<JsonNode> r = agree(text);
            assertEquals(n, r.elements().size());
        }
        assertTrue(landedInside > 20, "the guess landed inside an element " + landedInside + " times");
    }

    @Test
    void refusesWhatTheStreamedReadRefuses() {
        String valid = doc(40, ", ", false, "\"name\":\"x\",", ",\"settings\":{\"a\":1}");
        int split = HalvedArrayRead.splitPoint(valid);
        String second = valid.substring(split);
        List<String> invalid = List.of(
                valid.substring(0, split) + second.replaceFirst("\"v\":\\d+", "\"v\":}"),            // malformed in the second half
                valid.replaceFirst("\"v\":3,", "\"v\":3,\"v\":4,"),                                   // duplicate key, first half
                valid.substring(0, split) + second.replaceFirst("\"v\":(\\d+)", "\"v\":$1,\"v\":0"), // duplicate key, second half
                valid.replace(",\"settings\":{\"a\":1}}", ",}"),                                       // trailing comma after the array
                valid.replace(",\"settings\":{\"a\":1}}", ",\"name\":\"y\"}"),                         // a field before and after
                valid.replace(",\"settings\":{\"a\":1}}", ",\"steps\":[]}"),                           // the array field twice
                valid.replace(",\"settings\":{\"a\":1}}", ",\"settings\":{\"a\":1}"),                  // the object never closes
                valid.replace(",\"settings\":{\"a\":1}}", ",\"settings\":{\"a\":1}} {}"),              // trailing content
                valid.replace(",\"settings\":{\"a\":1}}", " \"settings\":{\"a\":1}}"),                 // no comma after the array
                valid.replace(",\"settings\":{\"a\":1}}", "]"),                                        // ] for }
                valid.replace("\"steps\":[", "\"steps\":[[],"));                                      // fine JSON, agreed
        for (String text : invalid) {
            assertNotEquals(valid, text, "the mutation applies");
            agree(text);
        }
        assertNull(HalvedArrayRead.read(invalid.get(0), "steps", split, SAME));
    }

    @Test
    void anElementRefusedInEitherHalfRefusesTheRead() {
        String text = doc(40, ",", false, "", "");
        int split = HalvedArrayRead.splitPoint(text);
        for (String bad : List.of("e3", "e39")) {
            Supplier<Function<JsonNode, JsonNode>> refuse = () -> e -> e.get("id").asText().equals(bad) ? null : e;
            assertNull(HalvedArrayRead.read(text, "steps", split, refuse), bad);
            Supplier<Function<JsonNode, JsonNode>> thrower = () -> e -> {
                if (e.get("id").asText().equals(bad)) throw new IllegalArgumentException(bad);
                return e;
            };
            assertNull(HalvedArrayRead.read(text, "steps", split, thrower), bad);
        }
        assertNotNull(HalvedArrayRead.read(text, "steps", split, SAME));
    }

    @Test
    void noPlaceToSplitWhenNoElementStartsWithAnIdPastTheMiddle() {
        assertEquals(-1, HalvedArrayRead.splitPoint(doc(40, ",", false, "", "").replace("{\"id\":", "{\"key\":")));
        assertEquals(-1, HalvedArrayRead.splitPoint("{\"steps\":[]}"));
    }
}
