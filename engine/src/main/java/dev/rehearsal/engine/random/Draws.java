package dev.rehearsal.engine.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Common random numbers. Every random draw of a walk is keyed by what it is about — (run seed, walk
 * index, persona id, step id, visit number of that step, purpose of the draw) — never by message text
 * or by a step's position in the walk. Two workflows that differ only in wording the message reader
 * does not see, or in a non-messaging step inserted upstream, therefore get the same draws for every
 * persona and walk, and their difference is the workflow's, not the dice's.
 *
 * <p>Stable across JVMs and machines: the hash is FNV-1a over UTF-8 bytes finished by SplitMix64,
 * and {@link SplittableRandom}'s sequence for a seed is specified.
 */
public final class Draws {
    private final long key;

    private Draws(long key) {
        this.key = key;
    }

    /** The draws of one visit of one step by one persona in one walk. */
    public static Draws of(long runSeed, int walk, String personaId, String stepId, int visit) {
        long h = mix(walkSeed(runSeed, walk));
        h = mix(h ^ hash(personaId));
        h = mix(h ^ hash(stepId));
        h = mix(h ^ (0x9E3779B97F4A7C15L * (visit + 1L)));
        return new Draws(h);
    }

    /** Walk {@code i}'s seed, derived from the run seed; walk 0 of seed s is the same in every run of seed s. */
    public static long walkSeed(long runSeed, int walk) {
        return mix(runSeed * 0xBF58476D1CE4E5B9L + walk * 0x94D049BB133111EBL + 0x2545F4914F6CDD1DL);
    }

    /** An independent stream for one purpose ("reply", "latency", "click", ...). */
    public SplittableRandom stream(String purpose) {
        return new SplittableRandom(mix(key ^ hash(purpose)));
    }

    /** One uniform draw in [0, 1) for a purpose. */
    public double uniform(String purpose) {
        return stream(purpose).nextDouble();
    }

    static long hash(String s) {
        if (s == null) return 0x51_7C_C1_B7_27_22_0A_95L;
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
