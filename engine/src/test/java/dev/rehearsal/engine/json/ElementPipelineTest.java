package dev.rehearsal.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElementPipelineTest {
    private static final int NEVER = -1;

    /** Doubles 0..n-1; the element {@code refuse} is refused (null) and {@code fail} throws. */
    private static List<Integer> run(boolean background, int n, int refuse, int fail, Set<String> threads) {
        try (ElementPipeline<Integer> p = new ElementPipeline<>(background, () -> e -> {
            threads.add(Thread.currentThread().getName());
            int v = e.asInt();
            if (v == refuse) return null;
            if (v == fail) throw new IllegalStateException("refused by throwing");
            return v * 2;
        })) {
            for (int i = 0; i < n; i++) p.accept(IntNode.valueOf(i));
            return p.results();
        }
    }

    @Test
    void aSecondThreadGivesTheSameValuesInTheSameOrder() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> inline = run(false, 10_000, NEVER, NEVER, threads);
        assertEquals(Set.of(Thread.currentThread().getName()), threads);
        threads.clear();
        List<Integer> background = run(true, 10_000, NEVER, NEVER, threads);
        assertTrue(threads.contains("rehearsal-parse"), "the worker converted elements: " + threads);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) expected.add(i * 2);
        assertTrue(expected.equals(inline), "inline: the doubled elements in order");
        assertTrue(expected.equals(background), "background: the doubled elements in order");
    }

    @Test
    void eachThreadAppliesItsOwnFunctionSoItNeedNotBeThreadSafe() {
        List<Set<String>> threadsPerFunction = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> out;
        try (ElementPipeline<Integer> p = new ElementPipeline<>(true, () -> {
            Set<String> mine = ConcurrentHashMap.newKeySet();
            threadsPerFunction.add(mine);
            return e -> {
                mine.add(Thread.currentThread().getName());
                if (e.asInt() % 1_000 == 0) Thread.onSpinWait(); // nothing to wait for: just a different pace
                return e.asInt();
            };
        })) {
            for (int i = 0; i < 50_000; i++) p.accept(IntNode.valueOf(i));
            out = p.results();
        }
        assertEquals(50_000, out.size());
        for (int i = 0; i < out.size(); i++) assertEquals(i, out.get(i));
        assertTrue(threadsPerFunction.size() <= 2, "one function per thread: " + threadsPerFunction);
        for (Set<String> t : threadsPerFunction) assertEquals(1, t.size(), "a function ran on one thread only: " + t);
    }

    @Test
    void oneRefusedElementRefusesAllWhetherNullOrThrown() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (boolean background : new boolean[]{false, true}) {
            assertNull(run(background, 10_000, 9_999, NEVER, threads), "the last element refused, background " + background);
            assertNull(run(background, 10_000, 3, NEVER, threads), "an early element refused, background " + background);
            assertNull(run(background, 10_000, NEVER, 4_321, threads), "a thrown exception refuses, background " + background);
        }
    }

    @Test
    void acceptSaysWhenToStopReadingInline() {
        try (ElementPipeline<JsonNode> p = new ElementPipeline<>(false, () -> e -> e.asInt() == 2 ? null : e)) {
            assertTrue(p.accept(IntNode.valueOf(1)));
            assertFalse(p.accept(IntNode.valueOf(2)));
            assertFalse(p.accept(IntNode.valueOf(3)));
            assertNull(p.results());
        }
    }
}
