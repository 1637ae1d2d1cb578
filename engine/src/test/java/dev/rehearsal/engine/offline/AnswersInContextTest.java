package dev.rehearsal.engine.offline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Intent;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Situation;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.reading.Act;
import dev.rehearsal.engine.reading.MessageReader;
import dev.rehearsal.engine.reading.Vertical;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The message reader and the personas in context: every act is read, every vertical is inferred and
 * answered in its own terms (Sarah's doubts, Pam's price questions, Cathy's chatter, Tim's technical
 * questions), reply codes are used only on the channel that offered them, and every built-in opts out
 * when provoked enough.
 */
class AnswersInContextTest {
    static final OfflinePersonaEngine ENGINE = new OfflinePersonaEngine();
    static final int SEEDS = 150;

    /** One message per act, written for this test. */
    static final Map<Act, String> ACTS = Map.of(
            Act.REMINDER, "Reminder: your appointment at Oak Dental is tomorrow at 9:00. Reply C to confirm or R to reschedule.",
            Act.OFFER, "Oak Dental: new patients get 20% off whitening this month. Want to book?",
            Act.NURTURE, "Oak Dental tip: three habits that keep your gums healthy. Read more: https://oakdental.example.com/tips",
            Act.INVITE, "You're invited to our open day at Oak Dental on Saturday at 10am. RSVP: https://oakdental.example.com/rsvp",
            Act.SURVEY, "Thanks for visiting Oak Dental! How did we do? Reply with a number from 1 to 5.",
            Act.TRANSACTIONAL, "Oak Dental: your payment of $120.00 was received. Receipt: https://oakdental.example.com/r/1",
            Act.REENGAGEMENT, "We miss you at Oak Dental! It's been a while since your last visit. Come back for a checkup?");

    /** One offer per vertical, sent by a business whose name gives nothing away, so the words must. */
    static final Map<Vertical, String> OFFERS = Map.ofEntries(
            Map.entry(Vertical.FITNESS, "Join the gym this month and get a personal trainer session. Want to sign up?"),
            Map.entry(Vertical.DENTAL, "New patients: teeth whitening with your first cleaning. Want to book?"),
            Map.entry(Vertical.MEDICAL, "Our physiotherapy clinic has openings for new patients this week. Want to book?"),
            Map.entry(Vertical.SAAS, "Our platform's new integrations and API are live. Want a demo for your team?"),
            Map.entry(Vertical.RETAIL, "New arrivals in store and free shipping on every order. Want to shop the collection?"),
            Map.entry(Vertical.REAL_ESTATE, "New listing: 3 bedrooms, open house on Sunday. Want a private showing with our realtor?"),
            Map.entry(Vertical.HOME_SERVICES, "Hail hit your area. Want a roof inspection from our roofing crew this week?"),
            Map.entry(Vertical.BEAUTY, "Our salon has new stylists: haircut and facial packages. Want to book?"),
            Map.entry(Vertical.RESTAURANT, "Our restaurant has a new dinner menu with a chef's tasting. Want a reservation?"),
            Map.entry(Vertical.AUTO, "Your car is due for an oil change and a brakes check at our auto shop. Want a slot?"),
            Map.entry(Vertical.EDUCATION, "Enroll in our math tutoring course: lessons for students in grades 6-12. Want to sign up?"),
            Map.entry(Vertical.LEGAL, "Our law firm offers a consultation with an attorney on estate planning and trusts. Want a call?"),
            Map.entry(Vertical.FINANCE, "Our financial advisors offer a retirement and tax review. Want to schedule one?"));

    static PersonaReply reply(Persona p, Channel ch, String body, long seed, String localTime, List<dev.rehearsal.engine.llm.Turn> history) {
        long sentAt = history.isEmpty() ? 0 : history.get(history.size() - 1).at() + 3 * 3_600_000L;
        return ENGINE.respond(new ReplyRequest(p, new OutboundMessage("s", ch, ch == Channel.EMAIL ? "Hello" : null, body),
                history, seed, 0, sentAt, localTime, new Situation("Northside Co", null, null, false, null), 0, 1));
    }

    static List<String> texts(String persona, Channel ch, String body) {
        List<String> out = new ArrayList<>();
        Persona p = PersonaCatalog.builtIn(persona).orElseThrow();
        for (long seed = 0; seed < SEEDS; seed++) {
            PersonaReply r = reply(p, ch, body, seed, "Tue 2026-11-03 10:00", List.of());
            if (r.replied() && r.intent() != Intent.OPT_OUT) out.add(r.response());
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Act.class)
    void everyActIsRead(Act act) {
        assertEquals(act, MessageReader.read(new OutboundMessage("s", Channel.SMS, null, ACTS.get(act))).act());
    }

    @ParameterizedTest
    @EnumSource(value = Vertical.class, names = "GENERAL", mode = EnumSource.Mode.EXCLUDE)
    void everyVerticalIsInferredFromItsWords(Vertical v) {
        var r = MessageReader.read(new OutboundMessage("s", Channel.SMS, null, OFFERS.get(v)), null, "Northside Co", List.of());
        assertEquals(v, r.vertical(), OFFERS.get(v));
    }

    /**
     * For every vertical, each persona whose questions depend on the business asks at least one of that
     * vertical's own questions, never one from another vertical's section.
     */
    @ParameterizedTest
    @EnumSource(value = Vertical.class, names = "GENERAL", mode = EnumSource.Mode.EXCLUDE)
    void everyPersonaTalksAboutThatBusiness(Vertical v) throws Exception {
        JsonNode bank;
        try (InputStream in = getClass().getResourceAsStream("/offline/replies-en.json")) {
            bank = Json.mapper().readTree(in);
        }
        Map<String, String> sections = Map.of("skeptical-sarah", "doubts_by_vertical", "price-conscious-pam", "ask_price_by_vertical",
                "chatty-cathy", "offer_question_by_vertical", "technical-tim", "tech_questions");
        for (var e : sections.entrySet()) {
            JsonNode own = bank.path(e.getValue()).path(v.wire());
            assertTrue(own.isArray() && own.size() >= 2, e.getValue() + " has no " + v.wire() + " lines");
            List<String> said = texts(e.getKey(), Channel.SMS, OFFERS.get(v));
            boolean specific = said.stream().anyMatch(t -> contains(own, t));
            assertTrue(specific, e.getKey() + " never asked a " + v.wire() + " question: " + said.subList(0, Math.min(5, said.size())));
            for (Vertical other : Vertical.values()) {
                JsonNode theirs = bank.path(e.getValue()).path(other.wire());
                if (other == v || !theirs.isArray()) continue;
                for (String t : said) {
                    for (JsonNode line : theirs) {
                        if (!contains(own, t) && !line.asText().contains("{") && t.contains(line.asText())) {
                            fail(e.getKey() + " answered a " + v.wire() + " offer with a " + other.wire() + " line: " + t);
                        }
                    }
                }
            }
        }
    }

    private static boolean contains(JsonNode lines, String text) {
        for (JsonNode l : lines) if (!l.asText().contains("{") && text.contains(l.asText())) return true;
        return false;
    }

    @Test
    void replyCodesAreUsedOnlyWhereOffered() {
        String sms = "Reminder: your cleaning at Oak Dental is tomorrow at 9:00. Reply Y to confirm or N to reschedule.";
        String email = "Your cleaning at Oak Dental is tomorrow at 9:00. Manage your visit here: https://oakdental.example.com/visit";
        for (Persona p : PersonaCatalog.builtIns()) {
            for (String t : texts(p.id(), Channel.SMS, sms)) {
                assertFalse(t.matches("^(C|R|YES)\\b.*"), p.id() + " used a code the text did not offer: " + t);
            }
            for (String t : texts(p.id(), Channel.EMAIL, email)) {
                assertFalse(t.matches("^(C|R|Y|N|YES)\\b.*"), p.id() + " answered an email with a bare code: " + t);
            }
        }
        assertTrue(texts("eager-eddie", Channel.SMS, sms).stream().filter(t -> t.startsWith("Y")).count() > SEEDS / 2,
                "Eddie confirms with the offered code");
    }

    /** A shouted, spammy text at 22:30, the third unanswered one today: every built-in opts out now and then. */
    @Test
    void everyBuiltInOptsOutWhenProvoked() {
        String shout = "HUGE SPRING SALE!!! 50% OFF EVERYTHING!!! ACT NOW, LIMITED TIME ONLY!!!";
        long now = java.time.Instant.parse("2026-11-03T04:30:00Z").toEpochMilli();
        List<dev.rehearsal.engine.llm.Turn> history = List.of(
                new dev.rehearsal.engine.llm.Turn(false, Channel.SMS, null, "Spring sale starts now at Northside Co!", now - 6 * 3_600_000L, null),
                new dev.rehearsal.engine.llm.Turn(false, Channel.SMS, null, "Don't forget our spring sale!", now - 3 * 3_600_000L, null));
        for (Persona p : PersonaCatalog.builtIns()) {
            int out = 0, calm = 0;
            for (long seed = 0; seed < SEEDS; seed++) {
                if (reply(p, Channel.SMS, shout, seed, "Mon 2026-11-02 22:30", history).intent() == Intent.OPT_OUT) out++;
                if (reply(p, Channel.SMS, "Northside Co: new spring arrivals are in store. Want a look?", seed,
                        "Tue 2026-11-03 10:00", List.of()).intent() == Intent.OPT_OUT) calm++;
            }
            assertTrue(out > 0, p.id() + " never opted out when provoked");
            assertTrue(out > calm || p.id().equals("cold-carl"), p.id() + ": provoked " + out + ", calm " + calm);
        }
    }
}
