package dev.rehearsal.engine.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateComparisonTest {
    @Test
    void fisherMatchesPublishedValues() {
        // The tea-tasting table (3 of 4 vs 1 of 4): two-sided p = 0.4857.
        assertEquals(0.4857, RateComparison.fisher(3, 4, 1, 4), 1e-4);
        // 30/30 vs 20/30: C(50,30)/C(60,30) plus every table as unlikely = 0.000797 (summed by hand in Python).
        assertEquals(0.000797, RateComparison.fisher(30, 30, 20, 30), 1e-6);
        assertEquals(1.0, RateComparison.fisher(15, 30, 15, 30), 1e-9);
        assertEquals(1.0, RateComparison.fisher(0, 30, 0, 30), 1e-9);
    }

    @Test
    void holmAdjustsStepDownAndKeepsOrder() {
        double[] adj = RateComparison.holm(new double[]{0.01, 0.04, 0.03, 0.005});
        // sorted: 0.005*4=0.02, 0.01*3=0.03, 0.03*2=0.06, 0.04*1=0.04 -> monotone 0.06
        assertArrayEquals(new double[]{0.03, 0.06, 0.06, 0.02}, adj, 1e-12);
        assertTrue(RateComparison.holm(new double[]{0.9, 0.9})[0] <= 1.0);
    }
}
