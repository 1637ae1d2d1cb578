package dev.rehearsal.engine.validate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static dev.rehearsal.engine.validate.SpamScorer.Channel.EMAIL;
import static dev.rehearsal.engine.validate.SpamScorer.Channel.SMS;
import static org.junit.jupiter.api.Assertions.*;

class SpamScorerTest {

    private static boolean fires(String rule, String text, SpamScorer.Channel ch) {
        return SpamScorer.score(text, ch).hits().stream().anyMatch(h -> h.rule().equals(rule));
    }

    @ParameterizedTest(name = "{0} fires on \"{1}\", not on \"{2}\"")
    @CsvSource(delimiter = '|', value = {
            "shouting              | THIS OFFER IS AMAZING for you today       | Reply STOP or HELP, our FAQ is at the site",
            "excessive_punctuation | Don't miss this!!!                         | Ready to talk? Great!",
            "money_claims          | Earn $500 a week from home                 | Your plan is $29 per month",
            "urgency               | Act now, this expires today                | Your appointment is on Tuesday",
            "too_good_to_be_true   | Results guaranteed and risk-free           | Results vary by home",
            "click_here            | Click here to see your quote               | See your quote at https://acme.com/q",
            "prize_language        | Congratulations, you have won a cruise     | Thanks for your visit",
            "url_shortener         | Book: bit.ly/3abc                          | Book: https://acme.com/book",
            "too_many_links        | https://a.com/1 and https://a.com/2        | One link: https://a.com/1",
    })
    void eachRuleFiresAndStaysQuiet(String rule, String firing, String quiet) {
        assertTrue(fires(rule, firing, SMS), () -> SpamScorer.score(firing, SMS).toString());
        assertFalse(fires(rule, quiet, SMS), () -> SpamScorer.score(quiet, SMS).toString());
    }

    @Test
    void emailAllowsMoreLinksThanSms() {
        String text = "https://a.com/1 https://a.com/2 https://a.com/3";
        assertTrue(fires("too_many_links", text, SMS));
        assertFalse(fires("too_many_links", text, EMAIL));
    }

    @Test
    void shortenerDomainInsideALongerHostDoesNotFire() {
        assertFalse(fires("url_shortener", "see https://robit.ly/x and https://start.co/x", SMS));
    }

    @Test
    void scoreSumsWeightsAndCapsAt100() {
        var s = SpamScorer.score("CONGRATULATIONS WINNER!!! CLAIM YOUR CASH PRIZE, act now: bit.ly/x", SMS);
        assertEquals(100, s.score(), s::toString);
        var calm = SpamScorer.score("Hi Dana, your quote is ready: https://acme.com/q. Reply STOP to opt out.", SMS);
        assertEquals(0, calm.score(), calm::toString);
        var two = SpamScorer.score("Click here, act now", SMS);
        assertEquals(SpamScorer.CLICK_HERE_W + SpamScorer.URGENCY_W, two.score());
    }
}
