package dev.rehearsal.engine.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.rehearsal.engine.validate.SpamScorer.Channel.SMS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-pass trigger search finds exactly the rules a {@code contains} per trigger would find. */
class SpamFeaturesTriggersTest {
    private static final List<String[]> RULES = List.of(
            new String[]{"win", "won", "prize", "claim"},
            new String[]{"!", "??", "$$"},
            new String[]{"hot ", "t&", "t &", "16", "18"},
            new String[]{"on hold", "new message", "fee is"},
            new String[]{"stop", "st", "s"},           // triggers that are prefixes of each other
            new String[]{"ú", "ltima", "£5"});

    private static long naive(String text) {
        long found = 0;
        for (int r = 0; r < RULES.size(); r++) {
            for (String t : RULES.get(r)) if (text.contains(t)) found |= 1L << r;
        }
        return found;
    }

    @Test
    void findsExactlyTheRulesWhoseTriggersOccur() {
        SpamFeatures.Triggers triggers = new SpamFeatures.Triggers(RULES);
        String alphabet = "winoprzeclam!?$ ht&168gdfsúltm£5 ";
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String text = b.toString();
            assertEquals(naive(text), triggers.present(text), text);
        }
        assertEquals(0, triggers.present(""));
        assertEquals(1L << 1, triggers.present("!"));
        assertEquals(1L | 1L << 3, triggers.present("you won while on hold"));
        assertEquals(1L << 5, triggers.present("la última"));
    }

    @Test
    void everyTriggerAtEveryPositionIsFound() {
        SpamFeatures.Triggers triggers = new SpamFeatures.Triggers(RULES);
        for (int r = 0; r < RULES.size(); r++) {
            for (String t : RULES.get(r)) {
                for (String text : List.of(t, "x" + t, t + "x", "xyz " + t + " zyx")) {
                    assertTrue((triggers.present(text) & 1L << r) != 0, t + " in \"" + text + "\"");
                }
            }
        }
    }

    /** The short-code rule's gate lets through every text its pattern matches. */
    @ParameterizedTest
    @ValueSource(strings = {
            "Txt WIN to 88221 to enter",
            "Text TONE or FLAG to 84199 now",
            "txt the word PLAY to 80082",
            "send GO 2 12345",
            "reply YES to no. 55555 today",
            "text 'deal' to: 1234",
            "sms JOIN to\u00a0 654321 for offers",
            "Win big: TEXT win TO 86688!!"})
    void shortCodeRequestsStillFire(String text) {
        assertTrue(SpamFeatures.detect(text, SMS).containsKey("text_keyword_to_short_code"), () -> SpamFeatures.detect(text, SMS).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Reply STOP to opt out. Your quote: https://acme.example/q/12345",
            "Text us at 555-1234 any time",
            "Reply YES and we'll book you in for 2026",
            "Text STOP to 88221 to opt out"})
    void numbersThatAreNotShortCodeRequestsDoNot(String text) {
        assertFalse(SpamFeatures.detect(text, SMS).containsKey("text_keyword_to_short_code"), () -> SpamFeatures.detect(text, SMS).toString());
    }

    /**
     * A gate only saves work: wherever a rule's pattern matches, its gate passes. Texts are built from the pieces the
     * patterns look for (digits, separators, the words of each alternative), so the patterns match often.
     */
    @Test
    void everyGateHoldsWhereverItsPatternMatches() {
        String[] pieces = {"0", "9", "8", "7", "4", "1", "6", "5", "00", "900", "080", "09", " ", "-", ".", "(", ")", "\t", "\n",
                "+", "&", "%", "t", "c", "s", "'", "and", "n", "apply", "over", "aged", "age", "only", "adult", "free", "phone",
                "fone", "guarantee", "risk", "100", "no", "strings", "credit", "check", "secret", "x", "p", "£", "$", "std",
                "txt", "text", "to", "2", "win", "reply", "stop"};
        Random random = new Random(3);
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = 1 + random.nextInt(14); n > 0; n--) b.append(pieces[random.nextInt(pieces.length)]);
            String text = b.toString();
            for (SpamFeatures.Rule r : SpamFeatures.PATTERN_RULES) {
                if (r.gate() == null || !r.pattern().matcher(text).find()) continue;
                matched++;
                assertTrue(r.gate().test(text), r.name() + " matches \"" + text + "\" but its gate refuses it");
            }
        }
        assertTrue(matched > 1_000, "the patterns matched often enough to mean something: " + matched);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Call 09061743810 now",
            "Ring 0906 174 3810",
            "Call 1-900-555-0199 for your reading",
            "Call 0800 083 9402 today",
            "Call our freephone line",
            "Join now, 18+ only",
            "T&Cs apply",
            "Open to those aged 16 and over 18s",
            "Adult 18 content",
            "100 % natural and 100% safe"})
    void numberAndTermsRulesStillFire(String text) {
        var found = SpamFeatures.detect(text, SMS).keySet();
        assertTrue(found.contains("premium_rate_number") || found.contains("freephone_number") || found.contains("age_or_terms_gate")
                || found.contains("too_good_to_be_true"), text + ": " + found);
    }

    @Test
    void aQuoteNumberIsNeitherAPhoneNumberNorAnAgeGate() {
        assertEquals(java.util.Map.of(), SpamFeatures.detect("Hi there, your quote #1618 is ready: https://acme.example/q/10900 Reply STOP to opt out.", SMS));
    }

    @Test
    void rulesBeyondALongAreRefused() {
        List<String[]> many = new ArrayList<>();
        for (int i = 0; i < 65; i++) many.add(new String[]{"t" + i});
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new SpamFeatures.Triggers(many));
    }
}
