package dev.rehearsal.engine.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stopping rule the CLI's loop and the AWS run's NextLook step share. */
class RunsNextLookTest {
    @Test
    void autoWalksLookByLookWhileSomethingIsUndecidedAndStopsAtTheCap() {
        Runs auto = Runs.auto();
        assertEquals(30, auto.nextLook(0, false), "the first look is always walked");
        assertEquals(0, auto.nextLook(30, false), "nothing undecided: stop");
        assertEquals(60, auto.nextLook(30, true));
        assertEquals(120, auto.nextLook(60, true));
        assertEquals(240, auto.nextLook(120, true));
        assertEquals(480, auto.nextLook(240, true));
        assertEquals(0, auto.nextLook(480, true), "the cap: undecided stays undecided");
        assertEquals(60, auto.nextLook(45, true), "between looks (never planned), the next look above");
    }

    @Test
    void aFixedNumberIsOneLook() {
        assertEquals(7, Runs.of(7).nextLook(0, true));
        assertEquals(0, Runs.of(7).nextLook(7, true), "undecided never extends a fixed run");
        assertEquals(0, Runs.of(1).nextLook(1, false));
    }
}
