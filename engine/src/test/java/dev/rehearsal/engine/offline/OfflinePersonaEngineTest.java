package dev.rehearsal.engine.offline;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Sentiment;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.*;

/** Each built-in persona's characteristic behaviour, measured over many seeds, not one lucky draw. */
class OfflinePersonaEngineTest {
    static final OfflinePersonaEngine ENGINE = new OfflinePersonaEngine();
    static final String OFFER = "Hi! Our spring offer is live: book a free consultation this week. Reply STOP to opt out.";
    static final String PRICED = "Memberships are $49/month, 20% off this week. Want to sign up?";
    static final int RUNS = 200;

    static Persona p(String id) {
        return PersonaCatalog.builtIn(id).orElseThrow();
    }

    static List<PersonaReply> replies(String persona, Channel ch, String body) {
        return replies(persona, ch, body, null);
    }

    static List<PersonaReply> replies(String persona, Channel ch, String body, dev.rehearsal.engine.llm.Situation business) {
        List<PersonaReply> out = new ArrayList<>();
        for (int seed = 0; seed < RUNS; seed++) {
            out.add(ENGINE.respond(new ReplyRequest(p(persona), new OutboundMessage("s", ch, ch == Channel.EMAIL ? "Hello" : null, body),
                    List.of(), seed, 0, 0, "Mon 2026-11-02 10:00", business, 0, 1)));
        }
        return out;
    }

    /** A written reply that is not a provoked opt-out (any persona may opt out when provoked). */
    static boolean answer(PersonaReply r) {
        return r.replied() && r.intent() != Intent.OPT_OUT;
    }

    static List<PersonaReply> answers(List<PersonaReply> rs) {
        return rs.stream().filter(OfflinePersonaEngineTest::answer).toList();
    }

    static double share(List<PersonaReply> rs, Predicate<PersonaReply> test) {
        return rs.stream().filter(test).count() / (double) rs.size();
    }

    static double meanLatency(List<PersonaReply> rs) {
        return rs.stream().filter(PersonaReply::replied).mapToInt(PersonaReply::replyLatencyMinutes).average().orElse(0);
    }

    @Test
    void eagerEddieAnswersFastPositivelyAndBooks() {
        var rs = replies("eager-eddie", Channel.SMS, OFFER);
        assertTrue(share(rs, PersonaReply::replied) > 0.85);
        assertTrue(share(rs, r -> r.sentiment() == Sentiment.POSITIVE) > 0.85);
        assertTrue(share(rs, r -> r.has(Action.BOOKED)) > 0.8, "booking CTA should make Eddie book");
        assertTrue(meanLatency(rs) < 15, "Eddie answers within minutes: " + meanLatency(rs));
        assertTrue(rs.stream().filter(PersonaReply::replied).mapToInt(PersonaReply::likelyToConvert).average().orElse(0) > 70);
    }

    @Test
    void skepticalSarahAsksQuestionsAndDecidesSlowly() {
        var rs = replies("skeptical-sarah", Channel.SMS, OFFER);
        var answered = rs.stream().filter(PersonaReply::replied).toList();
        assertTrue(share(answered, r -> r.intent() == Intent.QUESTION || r.intent() == Intent.OBJECTION) > 0.9);
        assertTrue(share(answered, r -> r.response().matches("(?is).*(free|catch|pitch|contract).*")) > 0.6,
                "her doubts are about this offer (a free consultation)");
        assertTrue(meanLatency(rs) > 6 * 60, "slow decider: " + meanLatency(rs));
        assertEquals(0, share(rs, r -> r.has(Action.BOOKED)));
    }

    @Test
    void skepticalSarahPushesBackOnUrgency() {
        var rs = replies("skeptical-sarah", Channel.SMS, "LAST CHANCE!! Act now, offer expires tonight.");
        var written = rs.stream().filter(PersonaReply::replied).toList();
        assertTrue(share(written, r -> r.intent() == Intent.OBJECTION || r.intent() == Intent.OPT_OUT) > 0.9);
        assertTrue(share(written, r -> r.intent() == Intent.OPT_OUT) > 0.02, "shouting provokes some opt-outs");
    }

    @Test
    void busyBobRarelyAnswersTerselyAndLate() {
        var rs = replies("busy-bob", Channel.SMS, OFFER);
        double answered = share(rs, PersonaReply::replied);
        assertTrue(answered < 0.45 && answered > 0.05, "rarely responds: " + answered);
        assertTrue(rs.stream().filter(PersonaReply::replied).allMatch(r -> r.response().split("\\s+").length <= 4));
        assertTrue(meanLatency(rs) > 6 * 60, "hours later: " + meanLatency(rs));
    }

    @Test
    void chattyCathyWritesLongRepliesWithManyQuestions() {
        var rs = replies("chatty-cathy", Channel.SMS, OFFER).stream().filter(PersonaReply::replied).toList();
        assertTrue(rs.size() > RUNS * 0.45, "she answers about 60% of texts: " + rs.size());
        assertTrue(rs.stream().allMatch(r -> r.response().length() > 120), "long replies");
        assertTrue(rs.stream().allMatch(r -> r.response().chars().filter(c -> c == '?').count() >= 1));
        Set<String> distinct = new HashSet<>();
        rs.forEach(r -> distinct.add(r.response()));
        assertTrue(distinct.size() > 50, "varied, not a fixed string: " + distinct.size());
    }

    @Test
    void coldCarlTextsStopAndUnsubscribesFromEmail() {
        var sms = replies("cold-carl", Channel.SMS, OFFER);
        assertTrue(sms.stream().allMatch(r -> r.intent() == Intent.OPT_OUT && r.has(Action.OPTED_OUT)));
        assertTrue(sms.stream().allMatch(r -> r.response().toUpperCase().contains("STOP")
                || r.response().toLowerCase().matches(".*(unsubscribe|off your list).*")));
        var email = replies("cold-carl", Channel.EMAIL, "Our newsletter. Unsubscribe: https://x.example.com/u");
        assertTrue(email.stream().allMatch(r -> r.has(Action.UNSUBSCRIBED)));
        assertTrue(email.stream().allMatch(r -> r.likelyToConvert() <= 3));
    }

    @Test
    void priceConsciousPamAsksWhatItCostsAndObjectsToPrice() {
        var noPrice = answers(replies("price-conscious-pam", Channel.SMS, "Hi! Book a consultation with our team this week."));
        assertTrue(noPrice.stream().allMatch(r -> r.intent() == Intent.PRICE_OBJECTION));
        assertTrue(share(noPrice, r -> r.response().matches("(?is).*(cost|price|how much|fee).*")) > 0.95);
        var priced = replies("price-conscious-pam", Channel.SMS, PRICED).stream().filter(PersonaReply::replied).toList();
        assertTrue(share(priced, r -> r.intent() == Intent.PRICE_OBJECTION) > 0.25, "pushes back on a stated price");
        assertTrue(share(priced, r -> r.intent() == Intent.INTERESTED) > 0.25, "converts when value is clear");
    }

    @Test
    void pamValuesAFreeOfferNotOnlyADiscount() {
        var free = replies("price-conscious-pam", Channel.SMS, "Memberships are $39/month and your first intro session is free. Want to book it?")
                .stream().filter(PersonaReply::replied).toList();
        assertTrue(share(free, r -> r.intent() == Intent.INTERESTED) > 0.4, "a free first session is value");
    }

    @Test
    void technicalTimAsksWhatATechnicalPersonAsksThatBusiness() {
        var gym = replies("technical-tim", Channel.SMS, "Want to book a free intro session this week?",
                new dev.rehearsal.engine.llm.Situation("Summit Fitness", null, null, false, null)).stream().filter(OfflinePersonaEngineTest::answer).toList();
        assertTrue(gym.stream().allMatch(r -> r.intent() == Intent.QUESTION));
        assertTrue(gym.stream().noneMatch(r -> r.response().matches("(?is).*(api|sso|soc 2|encrypt).*")), "no SaaS questions at a gym");
        assertTrue(share(gym, r -> r.response().matches("(?is).*(class|equipment|trainer|app|membership|rack).*")) > 0.9);
    }

    @Test
    void technicalTimAsksForSpecsUntilHeGetsThem() {
        var rs = answers(replies("technical-tim", Channel.SMS, OFFER, new dev.rehearsal.engine.llm.Situation("Helix Cloud", "saas", null, false, null)));
        assertTrue(rs.stream().allMatch(r -> r.intent() == Intent.QUESTION));
        assertTrue(rs.stream().allMatch(r -> r.response().matches("(?is).*(api|integrat|sso|spec|encrypt|soc 2|docs|webhook).*")));
        var detailed = answers(replies("technical-tim", Channel.EMAIL,
                "Our REST API docs, SSO and SOC 2 report are here: https://x.example.com/docs. Book a technical demo?"));
        assertTrue(detailed.stream().allMatch(r -> r.intent() == Intent.INTERESTED || r.intent() == Intent.READY_TO_BUY));
    }

    @Test
    void sameSeedSameReplyDifferentSeedsVary() {
        var req = new ReplyRequest(p("chatty-cathy"), new OutboundMessage("s", Channel.SMS, null, OFFER), List.of(), 99, 3, 0, "x");
        assertEquals(ENGINE.respond(req), ENGINE.respond(req));
        var other = new ReplyRequest(p("chatty-cathy"), new OutboundMessage("s", Channel.SMS, null, OFFER), List.of(), 100, 3, 0, "x");
        var a = replies("chatty-cathy", Channel.SMS, OFFER);
        assertTrue(a.stream().map(PersonaReply::response).distinct().count() > 10);
        assertNotNull(ENGINE.respond(other));
    }

    @Test
    void customPersonaWithoutKnownTraitsStillBehavesByPersonality() {
        Persona custom = new Persona("dana", "Decisive Dana", "Decides fast", new Persona.Personality("direct", "short", "fast", "low"),
                null, List.of(), null, false);
        long interested = 0, replied = 0;
        for (int seed = 0; seed < RUNS; seed++) {
            var r = ENGINE.respond(new ReplyRequest(custom, new OutboundMessage("s", Channel.SMS, null, OFFER), List.of(), seed, 0, 0, "x"));
            if (r.replied()) replied++;
            if (r.replied() && r.intent() == Intent.INTERESTED) interested++;
        }
        assertTrue(interested > replied / 2, "a fast, low-objection persona mostly says yes: " + interested + "/" + replied);
        assertTrue(replied > RUNS / 2, "and answers more often than a typical lead: " + replied);
    }
}
