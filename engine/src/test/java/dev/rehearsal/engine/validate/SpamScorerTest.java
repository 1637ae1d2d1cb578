package dev.rehearsal.engine.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static dev.rehearsal.engine.validate.SpamScorer.Channel.EMAIL;
import static dev.rehearsal.engine.validate.SpamScorer.Channel.SMS;
import static org.junit.jupiter.api.Assertions.*;

class SpamScorerTest {
    private static boolean fires(String rule, String text, SpamScorer.Channel ch) {
        return SpamFeatures.detect(text, ch).containsKey(rule);
    }

    @ParameterizedTest(name = "{0} fires on \"{1}\", not on \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "premium_rate_number        | To claim call 09061743810 now                     | Call us on (512) 555-0143",
            "premium_rate_number        | Call 1-900-555-0199 for your reading              | Call 1-800-555-0199 for support",
            "freephone_number           | Call MobileUpd8 on 08000839402 now                | Call the front desk on 01632 960123",
            "per_message_charge         | Ringtones every week, £1.50/week                  | Memberships are $39/month",
            "per_message_charge         | Msgs rcvd just 25p, txt stop to end               | Msg&data rates may apply. Reply STOP to opt out.",
            "text_keyword_to_short_code | Txt WIN to 88221 to enter                          | Text STOP to 88221 to opt out",
            "text_keyword_to_short_code | Text TONE or FLAG to 84199 now                     | Reply YES to book your slot",
            "prize_language             | You have won a brand new iPhone                    | You won't believe our new menu",
            "prize_language             | Claim your prize today                             | Your claim number for the repair is 4412",
            "account_bait               | Your account has been suspended, verify your identity | Your order has shipped",
            "account_bait               | We have been trying to contact you about a claim   | Thanks for contacting us about your roof",
            "age_or_terms_gate          | Join now, 18+ only, T&Cs apply                     | Kids 6-10 welcome",
            "restricted_content         | Cheap Viagra, no prescription                      | Your prescription is ready for pickup",
            "restricted_content         | Hot singles in your area want to chat              | Our singles mixer is on Friday at 7pm",
            "income_claims              | Earn $5,000 a week working from home               | Earn double points on every drink",
            "cash                       | Win cash this weekend                              | Cash and card accepted at the door",
            "too_good_to_be_true        | Results guaranteed and risk-free                   | Results vary by home",
            "free_offer                 | Your first class is free                           | Your first class is on us",
            "urgency                    | Act now, this offer expires today                  | Your appointment is on Tuesday",
            "alarm_words                | URGENT: call us immediately                        | Call us when it suits you",
            "generic_greeting           | Dear valued customer, your parcel is waiting       | Dear Sam, your parcel is waiting",
            "asks_for_personal_details  | Reply with your full name and bank details         | Reply with a time that suits you",
            "shouting                   | THIS OFFER IS AMAZING for you today                | Reply STOP or HELP, our FAQ is at the site",
            "excessive_punctuation      | Don't miss this!!!                                 | Ready to talk? Great!",
            "click_here                 | Click here: https://a.example.com/x                | Click here to see your quote: https://a.example.com/q",
            "url_shortener              | Book: bit.ly/3abc                                  | Book: https://acme.com/book",
            "link_density               | Deals https://a.com/1 and https://a.com/2          | One link for your booking, with the details you need to know: https://a.com/1",
    })
    void eachRuleFiresAndStaysQuiet(String rule, String firing, String quiet) {
        assertTrue(fires(rule, firing, SMS), () -> SpamFeatures.detect(firing, SMS).toString());
        assertFalse(fires(rule, quiet, SMS), () -> SpamFeatures.detect(quiet, SMS).toString());
    }

    @Test
    void everyRuleHasAFiringAndAQuietCase() throws Exception {
        CsvSource table = SpamScorerTest.class.getDeclaredMethod("eachRuleFiresAndStaysQuiet", String.class, String.class, String.class)
                .getAnnotation(CsvSource.class);
        Set<String> covered = new HashSet<>();
        for (String row : table.value()) covered.add(row.substring(0, row.indexOf('|')).strip());
        assertEquals(new HashSet<>(SpamFeatures.RULES), covered, "every rule in SpamFeatures.RULES needs a row in eachRuleFiresAndStaysQuiet");
        for (String rule : SpamFeatures.RULES) assertFalse(MessageQualityValidator.fixFor(rule).isEmpty(), "no fix text for " + rule);
    }

    @ParameterizedTest(name = "Spanish: {0} fires on \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "prize_language   | ¡Has ganado un premio! Llama ya",
            "urgency          | Última oportunidad: solo hoy, 50% de descuento",
            "alarm_words      | Responda inmediatamente a este mensaje",
            "free_offer       | Tu primera clase es gratis",
            "generic_greeting | Estimado cliente, su cuenta está lista",
    })
    void spanishPhrasesShareTheEnglishRules(String rule, String text) {
        // no labelled Spanish corpus: these phrases take the fitted weight of the English rule they join
        assertTrue(fires(rule, text, SMS), () -> SpamFeatures.detect(text, SMS).toString());
        assertFalse(fires(rule, "Tu cita es el martes a las 10. Responde C para confirmar.", SMS));
    }

    @Test
    void newsletterHeadingsAndFooterDoNotShout() {
        String newsletter = "Riverside market report\nHi Sam,\n\nMARKET SNAPSHOT\nMedian price is up 3%.\n\nWHAT IT MEANS FOR BUYERS\n"
                + "More room to negotiate.\n\nUNSUBSCRIBE: https://hall.example.com/u";
        assertFalse(fires("shouting", newsletter, EMAIL), () -> SpamFeatures.detect(newsletter, EMAIL).toString());
        // the same capitals in an SMS, which has no headings, do shout
        assertTrue(fires("shouting", "MARKET SNAPSHOT WHAT IT MEANS FOR BUYERS now", SMS));
        // and an email whose body shouts is caught, headings or not
        assertTrue(fires("shouting", "Sale\nHUGE SAVINGS ON EVERYTHING TODAY, SHOP NOW!", EMAIL));
    }

    @Test
    void footerLinksAndFooterClickHereAreNotCounted() {
        String email = "Our news\nOur spring menu has fresh pea risotto and a rhubarb tart: https://a.example.com/menu\n"
                + "Book a table for the weekend: https://a.example.com/book\n"
                + "Unsubscribe: https://a.example.com/u | Preferences: https://a.example.com/p\nTo unsubscribe, click here.";
        Map<String, String> hits = SpamFeatures.detect(email, EMAIL);
        assertFalse(hits.containsKey("click_here"), hits::toString);
        assertFalse(hits.containsKey("link_density"), hits::toString);
        assertTrue(fires("link_density", email.replace("Unsubscribe:", "More:").replace("Preferences:", "Also:"), EMAIL));
    }

    @Test
    void aNewsletterWithManyLinksSpreadOverTextIsNotLinkHeavy() {
        StringBuilder sb = new StringBuilder("Weekly picks\n");
        for (int i = 0; i < 8; i++) sb.append("Story ").append(i).append(": a short summary of the piece in a dozen words or so. https://n.example.com/").append(i).append('\n');
        assertFalse(fires("link_density", sb.toString(), EMAIL), () -> SpamFeatures.detect(sb.toString(), EMAIL).toString());
    }

    @Test
    void shortenerDomainInsideALongerHostDoesNotFire() {
        assertFalse(fires("url_shortener", "see https://robit.ly/x and https://start.co/x", SMS));
    }

    @Test
    void aWordAfterAFullStopWithoutASpaceIsNotALink() {
        assertFalse(fires("link_density", "need to finish urgent.but also the car.then home", SMS));
        assertTrue(fires("link_density", "go cheap-rx-store.biz or rx-deals.ru", SMS));
    }

    @Test
    void scoreIsTheSumOfFittedPointsCappedAt100() {
        SpamWeights w = SpamWeights.shipped();
        var two = SpamScorer.score("Click here: https://a.example.com/x and act now", SMS);
        assertEquals(w.pointsFor("click_here") + w.pointsFor("urgency"), two.score(), two::toString);
        assertEquals(2, two.hits().size());
        assertEquals(w.pointsFor("urgency"), two.hits().stream().filter(h -> h.rule().equals("urgency")).findFirst().orElseThrow().weight());
        var s = SpamScorer.score("CONGRATULATIONS WINNER!!! CLAIM YOUR CASH PRIZE, act now: bit.ly/x", SMS);
        assertEquals(100, s.score(), s::toString);
        var calm = SpamScorer.score("Hi Dana, your quote is ready: https://acme.com/q. Reply STOP to opt out.", SMS);
        assertEquals(0, calm.score(), calm::toString);
    }

    @Test
    void oneSoftTraitAloneStaysBelowTheWarningTwoWarn() {
        SpamWeights w = SpamWeights.shipped();
        for (String soft : new String[]{"free_offer", "urgency", "alarm_words", "cash", "too_good_to_be_true", "shouting",
                "excessive_punctuation", "click_here", "link_density"}) {
            assertTrue(w.pointsFor(soft) < SpamScorer.WARNING_AT, soft + " alone must not warn");
            assertTrue(2 * w.pointsFor(soft) < SpamScorer.ERROR_AT, "two soft traits must not reach the error band: " + soft);
        }
        assertTrue(SpamScorer.score("Your first class is free. Act now!", SMS).score() >= SpamScorer.WARNING_AT);
    }

    @Test
    void zeroPointRulesAreLeftOutOfTheHits() {
        Map<String, Integer> points = new java.util.HashMap<>(SpamWeights.shipped().points());
        points.put("free_offer", 0);
        SpamWeights w = new SpamWeights(1, 0, 1, points);
        var s = SpamScorer.score("Your first class is free", SMS, w);
        assertEquals(0, s.score());
        assertTrue(s.hits().isEmpty(), s::toString);
    }
}
