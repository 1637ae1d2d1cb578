package dev.rehearsal.engine.sim;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random draws the simulation makes itself (not the persona): an external call's outcome, an
 * input or output value. Each is keyed by what it is about (seed, persona, step, visit of that
 * step, purpose), never by message text or step position, so adding a step elsewhere cannot
 * change it. The hash is FNV-1a over UTF-8, stable across JVMs (String.hashCode is too, but is
 * only 32 bits).
 */
final class Draws {
    private Draws() {
    }

    /** A number in [0, 1). */
    static double uniform(long seed, String personaId, String stepId, int visit, String purpose) {
        return new SplittableRandom(key(seed, personaId, stepId, visit, purpose)).nextDouble();
    }

    static String pick(List<String> values, long seed, String personaId, String stepId, int visit, String purpose) {
        int i = (int) Math.floor(uniform(seed, personaId, stepId, visit, purpose) * values.size());
        return values.get(Math.min(i, values.size() - 1));
    }

    static long key(long seed, String personaId, String stepId, int visit, String purpose) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (String part : new String[]{personaId, stepId, Integer.toString(visit), purpose}) {
            for (byte b : (part == null ? "" : part).getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            h ^= 0x1f; // separator, so ("ab","c") and ("a","bc") differ
            h *= 0x100000001b3L;
        }
        return h;
    }
}
