package dev.rehearsal.engine.validate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trigger prefilter only ever rules a trigger out: every substring of the text stays a candidate. */
class SpamFeaturesPairsTest {
    @Test
    void everySubstringMayOccurAndAnAbsentPairIsRuledOut() {
        String text = "hi {{first_name}}, your quote #12 is ready: https://acme.example/q/12 reply stop to opt out. £5 ok!";
        SpamFeatures.Pairs pairs = new SpamFeatures.Pairs(text);
        for (int i = 0; i < text.length(); i++) {
            for (int j = i + 1; j <= text.length(); j++) assertTrue(pairs.mayContain(text.substring(i, j)), text.substring(i, j));
        }
        assertTrue(pairs.mayContain("!"), "one character: always searched");
        assertFalse(pairs.mayContain("viagra"));
        assertFalse(pairs.mayContain("jackpot"));
    }
}
