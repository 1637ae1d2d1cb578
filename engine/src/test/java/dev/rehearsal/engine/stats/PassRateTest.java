package dev.rehearsal.engine.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassRateTest {
    @Test
    void wilsonMatchesTheTextbookValues() {
        // 0 of 10 at 95%: upper bound 0.2775 (Wilson); 10 of 10: lower bound 0.7225.
        assertEquals(0.2775, Interval.wilson(0, 10, 0.95).high(), 1e-4);
        assertEquals(0.7225, Interval.wilson(10, 10, 0.95).low(), 1e-4);
        Interval mid = Interval.wilson(18, 30, 0.95);
        assertEquals(0.4232, mid.low(), 1e-3);
        assertEquals(0.7541, mid.high(), 1e-3);
    }

    @Test
    void everyWalkMustPassWhenTheMinimumIsOne() {
        assertEquals(Verdict.PASS, PassRate.judge(30, 30, 0, 1.0, 0.95).verdict());
        PassRate one = PassRate.judge(29, 30, 0, 1.0, 0.95);
        assertEquals(Verdict.FAIL, one.verdict(), "one failing walk in 30 fails a must-always-hold expectation");
        assertTrue(one.intermittent());
        assertTrue(one.reason().contains("1 of 30"));
    }

    @Test
    void aLowerMinimumIsJudgedByTheInterval() {
        assertEquals(Verdict.PASS, PassRate.judge(18, 30, 0, 0.4, 0.95).verdict(), "lower bound 0.42 clears 0.4");
        assertEquals(Verdict.FAIL, PassRate.judge(5, 30, 0, 0.4, 0.95).verdict(), "upper bound 0.33 is below 0.4");
        PassRate open = PassRate.judge(18, 30, 0, 0.4, 0.99);
        assertEquals(Verdict.UNDECIDED, open.verdict(), "at 99% the interval straddles 0.4");
        assertNotNull(open.walksNeeded());
        assertTrue(open.walksNeeded() > 0 && open.walksNeeded() < 200, "walks needed " + open.walksNeeded());
        // Deciding with that many more walks at the same rate really does decide it.
        int n = 30 + open.walksNeeded();
        Interval later = Interval.wilson((int) Math.round(0.6 * n), n, 0.99);
        assertTrue(later.low() >= 0.4, later.toString());
    }

    @Test
    void aRateExactlyAtTheMinimumNeverDecides() {
        PassRate r = PassRate.judge(15, 30, 0, 0.5, 0.95);
        assertEquals(Verdict.UNDECIDED, r.verdict());
        assertNull(r.walksNeeded());
    }

    @Test
    void tooFewValidWalksAreInconclusiveUnlessAFailureIsCertain() {
        assertEquals(Verdict.INCONCLUSIVE, PassRate.judge(0, 0, 10, 1.0, 0.95).verdict());
        assertEquals(Verdict.INCONCLUSIVE, PassRate.judge(3, 3, 7, 1.0, 0.95).verdict(), "3 valid of 10");
        assertEquals(Verdict.FAIL, PassRate.judge(2, 3, 7, 1.0, 0.95).verdict(), "a failure among valid walks stands");
        assertEquals(Verdict.PASS, PassRate.judge(7, 7, 3, 1.0, 0.95).verdict(), "7 valid of 10 is enough");
    }

    @Test
    void runsParseAndTheirLimitsNameTheProblem() {
        assertTrue(Runs.parse("auto").isAuto());
        assertEquals(30, Runs.parse(" 30 ").fixed());
        assertThrows(IllegalArgumentException.class, () -> Runs.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> Runs.parse("many"));
        assertNull(Runs.of(1000).problem(7, false));
        assertTrue(Runs.of(1001).problem(7, false).contains("1000"));
        assertTrue(Runs.of(101).problem(7, true).contains("LLM"));
        assertTrue(Runs.of(1000).problem(26, false).contains("25000"));
        assertEquals(1 - 0.05 / 5, Runs.auto().confidence(), 1e-12);
    }

    @Test
    void theRunVerdictTakesTheWorstPart() {
        assertEquals(Verdict.FAIL, Verdict.combine(java.util.List.of(Verdict.PASS, Verdict.UNDECIDED, Verdict.FAIL)));
        assertEquals(Verdict.INCONCLUSIVE, Verdict.combine(java.util.List.of(Verdict.UNDECIDED, Verdict.INCONCLUSIVE)));
        assertEquals(Verdict.UNDECIDED, Verdict.combine(java.util.List.of(Verdict.PASS, Verdict.UNDECIDED)));
        assertEquals(Verdict.PASS, Verdict.combine(java.util.List.of()));
    }
}
