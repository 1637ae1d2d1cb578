package dev.rehearsal.engine.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Twilio Studio's split semantics: case-insensitive, trimmed, comma lists for "matches any of". */
class TextComparisonTest {
    @Test
    void equalityIgnoresCaseAndSurroundingSpaces() {
        assertTrue(TextComparison.test("equal_to", "  confirm appt ", "CONFIRM APPT"));
        assertFalse(TextComparison.test("equal_to", "confirm the appt", "CONFIRM APPT"));
        assertTrue(TextComparison.test("not_equal_to", "yes", "no"));
        assertFalse(TextComparison.test("equal_to", null, "x"));
        assertTrue(TextComparison.test("equal_to", null, ""));
    }

    @Test
    void listsSubstringsPrefixesAndBlanks() {
        assertTrue(TextComparison.test("matches_any_of", "Y", "yes, y ,yeah"));
        assertFalse(TextComparison.test("matches_any_of", "yes please", "yes,y"));
        assertTrue(TextComparison.test("does_not_match_any_of", "maybe", "yes,no"));
        assertTrue(TextComparison.test("contains", "Please CANCEL it", "cancel"));
        assertTrue(TextComparison.test("does_not_contain", "keep it", "cancel"));
        assertTrue(TextComparison.test("starts_with", " Stop now", "stop"));
        assertTrue(TextComparison.test("does_not_start_with", "now stop", "stop"));
        assertTrue(TextComparison.test("is_blank", "   ", null));
        assertTrue(TextComparison.test("is_not_blank", "x", null));
    }

    @Test
    void regexSearchesCaseInsensitivelyAndBadPatternsNeverMatch() {
        assertTrue(TextComparison.test("regex", "Order #A123 ok", "#a\\d+"));
        assertFalse(TextComparison.test("regex", "abc", "^b"));
        assertFalse(TextComparison.test("regex", "abc", "(unclosed"));
    }

    @Test
    void numbersCompareOnlyWhenBothSidesAreNumbers() {
        assertTrue(TextComparison.test("less_than", " 9 ", "10"));
        assertFalse(TextComparison.test("less_than", "abc", "10"));
        assertTrue(TextComparison.test("greater_than", "10.5", "10"));
        assertFalse(TextComparison.test("greater_than", "ten", "1"));
    }
}
