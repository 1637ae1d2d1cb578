package dev.rehearsal.engine.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static dev.rehearsal.engine.validate.SmsEncoding.Encoding.GSM_7;
import static dev.rehearsal.engine.validate.SmsEncoding.Encoding.UCS_2;
import static org.junit.jupiter.api.Assertions.*;

class SmsEncodingTest {

    @ParameterizedTest(name = "{0} x ''{1}'' -> {2} units, {3} segments")
    @CsvSource({
            "160, a, 160, 1",
            "161, a, 161, 2",
            "306, a, 306, 2",
            "307, a, 307, 3",
            "80, €, 160, 1",     // extension table: 2 septets each
            "81, €, 162, 2",
    })
    void gsmSegments(int count, String ch, int units, int segments) {
        var a = SmsEncoding.analyse(ch.repeat(count));
        assertEquals(GSM_7, a.encoding());
        assertEquals(units, a.units());
        assertEquals(segments, a.segments());
    }

    @Test
    void extensionCharactersAreGsmButCostTwo() {
        var a = SmsEncoding.analyse("^{}\\[~]|€");
        assertEquals(GSM_7, a.encoding());
        assertEquals(18, a.units());
    }

    @Test
    void escapePairIsNotSplitAcrossSegments() {
        // 152 plain + one € (2 septets) would straddle the 153 boundary: it moves to the next part
        var a = SmsEncoding.analyse("a".repeat(152) + "€" + "a".repeat(10));
        assertEquals(164, a.units());
        assertEquals(2, a.segments());
        // 306 septets would fit 2 x 153, but the € cannot straddle, so the tail spills into a third part
        var b = SmsEncoding.analyse("a".repeat(152) + "€" + "a".repeat(152));
        assertEquals(306, b.units());
        assertEquals(3, b.segments());
    }

    @ParameterizedTest(name = "UCS-2 {0} x ''{1}'' -> {2} units, {3} segments")
    @CsvSource({
            "70, ’, 70, 1",
            "71, ’, 71, 2",
            "134, —, 134, 2",
            "135, —, 135, 3",
            "35, 😀, 70, 1",  // surrogate pairs: 2 units each
            "36, 😀, 72, 2",
    })
    void ucs2Segments(int count, String ch, int units, int segments) {
        var a = SmsEncoding.analyse(ch.repeat(count));
        assertEquals(UCS_2, a.encoding());
        assertEquals(units, a.units());
        assertEquals(segments, a.segments());
    }

    @Test
    void namesOffendingCharactersWithReplacements() {
        var a = SmsEncoding.analyse("It’s “great” — see 😀");
        assertEquals(Set.of("’", "“", "”", "—", "😀"), a.nonGsm());
        String s = SmsEncoding.suggestReplacements(a.nonGsm());
        assertTrue(s.contains("’ -> '"), s);
        assertTrue(s.contains("— -> -"), s);
        assertTrue(s.contains("😀 -> (remove)"), s);
    }

    @Test
    void accentOutsideGsmSwitchesToUcs2() {
        assertEquals(Set.of("í"), SmsEncoding.analyse("¿sí?").nonGsm());
    }

    @Test
    void plainGsmAccentsStayGsm() {
        assertEquals(GSM_7, SmsEncoding.analyse("Café in München, ¿Qué? £5 @ 3pm").encoding());
    }
}
