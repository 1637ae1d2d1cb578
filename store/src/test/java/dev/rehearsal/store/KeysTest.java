package dev.rehearsal.store;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Sort keys are stored in the wild: the padding without the Formatter must give the Formatter's text. */
class KeysTest {
    @Test
    void versionAndStepKeysAreZeroPaddedAsBefore() {
        for (int n : new int[]{0, 1, 9, 10, 99_999, 100_000, 999_999, 1_000_000, 123_456_789, Integer.MAX_VALUE}) {
            assertEquals(String.format(Locale.ROOT, "%06d", n), Keys.zeroPadded(n, 6));
            assertEquals(String.format(Locale.ROOT, "%010d", n), Keys.zeroPadded(n, 10));
        }
        assertEquals("VERSION#0000000042", Keys.workflowVersionSk(42));
        assertEquals("INTERACTION#eager-eddie#000007", Keys.interactionSk("eager-eddie", 7));
    }
}
