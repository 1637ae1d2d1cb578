package dev.rehearsal.engine.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a JSON object with one big array field as {@link StreamedObject} does, with the array's second half read
 * on a second thread: tokenising is most of a big workflow's read, and {@link ElementPipeline} could only move
 * the elements' conversion off the reading thread (docs/PERFORMANCE.md, "Sixth round").
 *
 * <p>Where the second half starts is a guess, made without tokenising: the first {@code {"id"} after the middle
 * of the text that follows another element's closing brace and a comma. The second thread reads the array from
 * there as if it began there. The guess is only trusted when the first thread, reading the array from its start,
 * finds an element beginning at exactly that character: then both read the same tokens from there on, and the
 * first thread stops and takes the second's elements. When the first thread passes the guess without meeting an
 * element there (it was inside a string or a nested object), the second thread's work is dropped and the first
 * reads on alone. A text with no such place is not split ({@link #splitPoint} is -1). Each element is turned
 * into a value by the function its thread got from {@code perThread}, in the thread that read it.
 */
public final class HalvedArrayRead {
    /** How far past the middle the guess is looked for before giving up on splitting. */
    private static final int SEARCH = 1 << 20;

    /** The object's other top-level fields in document order and the array's elements converted, in order. */
    public record Result<R>(ObjectNode fields, List<R> elements) {
    }

    private HalvedArrayRead() {
    }

    /** Where the second thread would start reading, or -1 when there is no plausible element start past the middle. */
    public static int splitPoint(String text) {
        int from = text.length() / 2;
        int limit = Math.min(text.length(), from + SEARCH);
        for (int at = text.indexOf("\"id\"", from); at >= 0 && at < limit; at = text.indexOf("\"id\"", at + 4)) {
            int brace = skipBack(text, at - 1);
            if (brace < 0 || text.charAt(brace) != '{') continue;
            int comma = skipBack(text, brace - 1);
            if (comma < 0 || text.charAt(comma) != ',') continue;
            int close = skipBack(text, comma - 1);
            if (close >= 0 && text.charAt(close) == '}') return brace;
        }
        return -1;
    }

    /**
     * The object's fields and converted elements, or null when the text is not a single valid JSON object with the
     * array field, or an element was refused (the function returned null or threw).
     */
    public static <R> Result<R> read(String text, String arrayField, int split, Supplier<Function<JsonNode, R>> perThread) {
        SecondHalf<R> second = new SecondHalf<>(text, split, perThread);
        Thread t = new Thread(second, "rehearsal-parse");
        t.setDaemon(true);
        t.start();
        try {
            return readFirst(text, arrayField, split, perThread, second);
        } catch (RuntimeException e) {
            return null; // not valid after all: the caller reads the text again with positions
        } finally {
            second.cancelled = true;
        }
    }

    private static <R> Result<R> readFirst(String text, String arrayField, int split,
                                           Supplier<Function<JsonNode, R>> perThread, SecondHalf<R> second) {
        List<R> elements = new ArrayList<>();
        Function<JsonNode, R> convert = perThread.get();
        StreamedObject.Rest rest = StreamedObject.read(text, arrayField, new StreamedObject.ElementSink() {
            private boolean undecided = true;

            @Override
            public boolean accept(int index, JsonNode element) {
                R r = apply(convert, element);
                return r != null && elements.add(r);
            }

            @Override
            public boolean stopBefore(JsonParser p) throws IOException {
                if (!undecided) return false;
                long at = p.currentTokenLocation().getCharOffset();
                if (at == split) return true;
                if (at > split) {
                    second.cancelled = true; // the guess was not an element's start: read on alone
                    undecided = false;
                }
                return false;
            }
        });
        if (rest == null) return null;
        if (rest.stopped()) return joined(text, arrayField, rest.fields(), elements, second);
        return rest.elements() < 0 ? null : new Result<>(rest.fields(), elements);
    }

    /** The first half met an element at the split: the second thread's elements follow, then the object's last fields. */
    private static <R> Result<R> joined(String text, String arrayField, ObjectNode fields, List<R> elements,
                                        SecondHalf<R> second) {
        try {
            second.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (second.end < 0) return null; // the second half is invalid, or refused an element
        elements.addAll(second.elements);
        int at = skip(text, second.end);
        if (at < text.length() && text.charAt(at) == '}') {
            return skip(text, at + 1) == text.length() ? new Result<>(fields, elements) : null;
        }
        if (at >= text.length() || text.charAt(at) != ',' || !startsWith(text, skip(text, at + 1), '"')) return null;
        // The fields after the array, read as an object of their own ("{" and what follows the comma), in which the
        // array field must not appear again.
        StreamedObject.Rest tail = StreamedObject.read("{" + text.substring(at + 1), arrayField, (i, e) -> false);
        if (tail == null || tail.elements() >= 0) return null;
        for (var f : tail.fields().properties()) if (fields.replace(f.getKey(), f.getValue()) != null) return null;
        return new Result<>(fields, elements);
    }

    private static <R> R apply(Function<JsonNode, R> f, JsonNode element) {
        if (element == null) return null;
        try {
            return f.apply(element);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads the array from the split to its end, as "[" followed by the text from there. */
    private static final class SecondHalf<R> implements Runnable {
        private final String text;
        private final int split;
        private final Supplier<Function<JsonNode, R>> perThread;
        final List<R> elements = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean cancelled;
        /** Just past the array's closing bracket in the text; -1 until read, or when invalid or refused. */
        volatile int end = -1;

        SecondHalf(String text, int split, Supplier<Function<JsonNode, R>> perThread) {
            this.text = text;
            this.split = split;
            this.perThread = perThread;
        }

        @Override
        public void run() {
            try (JsonParser p = JsonTrees.FACTORY.createParser(new ArrayFrom(text, split))) {
                if (p.nextToken() != JsonToken.START_ARRAY) return;
                ObjectReader reader = StreamedObject.elementReader();
                Function<JsonNode, R> convert = perThread.get();
                for (JsonToken e = p.nextToken(); !cancelled; e = p.nextToken()) {
                    if (e == JsonToken.END_ARRAY) {
                        // offsets here count the "[" put in front: the bracket is at split + offset - 1
                        end = split + (int) p.currentTokenLocation().getCharOffset();
                        return;
                    }
                    R r = apply(convert, reader.readTree(p));
                    if (r == null) return;
                    elements.add(r);
                }
            } catch (IOException | RuntimeException e) {
                // invalid from here: only matters if the first thread meets an element at the split
            } finally {
                done.countDown();
            }
        }
    }

    /** "[" and then the text from {@code at} on, without copying the text. */
    private static final class ArrayFrom extends Reader {
        private final String text;
        private int at;
        private boolean bracket = true;

        ArrayFrom(String text, int at) {
            this.text = text;
            this.at = at;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            if (len <= 0) return 0;
            int n = 0;
            if (bracket) {
                buf[off++] = '[';
                bracket = false;
                n = 1;
                len--;
            }
            int m = Math.min(len, text.length() - at);
            if (m <= 0) return n == 0 ? -1 : n;
            text.getChars(at, at + m, buf, off);
            at += m;
            return n + m;
        }

        @Override
        public void close() {
        }
    }

    /** The last non-whitespace index at or before {@code i}, or -1. */
    private static int skipBack(String text, int i) {
        while (i >= 0 && whitespace(text.charAt(i))) i--;
        return i;
    }

    /** The first non-whitespace index at or after {@code i} (the text's length if none). */
    private static int skip(String text, int i) {
        while (i < text.length() && whitespace(text.charAt(i))) i++;
        return i;
    }

    private static boolean startsWith(String text, int i, char c) {
        return i < text.length() && text.charAt(i) == c;
    }

    private static boolean whitespace(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
