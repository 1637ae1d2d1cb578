package dev.rehearsal.providers.prompt;

import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.providers.cost.PriceTable;
import dev.rehearsal.providers.cost.TokenCounter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationExamplesTest {
    static Persona persona(String id) {
        return PersonaCatalog.builtIn(id).orElseThrow();
    }

    static long count(List<String> examples, String needle) {
        return examples.stream().filter(e -> e.contains(needle)).count();
    }

    static ReplyRequest first(Persona p) {
        return new ReplyRequest(p, new OutboundMessage("s1", Channel.SMS, null, "Want to book a call?"), List.of(), 1, 0, 0, "Mon 09:00");
    }

    @Test
    void examplesAreDeterministic() {
        for (Persona p : PersonaCatalog.builtIns()) {
            assertEquals(CalibrationExamples.forPersona(p), CalibrationExamples.forPersona(p), p.id());
            assertEquals(CalibrationExamples.CATALOGUE.size(), CalibrationExamples.forPersona(p).size());
        }
        // Two builders (e.g. two Lambda invocations) send the same bytes.
        assertEquals(PersonaPromptBuilder.withPrefixTarget(4096).build(first(persona("busy-bob"))).system(),
                PersonaPromptBuilder.withPrefixTarget(4096).build(first(persona("busy-bob"))).system());
    }

    @Test
    void eachExampleIsTheMessageThenTheRecord() {
        String e = CalibrationExamples.forPersona(persona("cold-carl")).get(0);
        assertTrue(e.startsWith("Example 1 [sms]\nHi Carl, it's Maya from Brightline."), e);
        assertTrue(e.contains("\n=> {\"response\":"), e);
        assertTrue(e.matches("(?s).*\"reply_latency_minutes\":(\\d+|null)}"), e);
        assertFalse(e.contains("reasoning"), "the offline engine's canned reasoning is not shown");
    }

    @Test
    void coldCarlOptsOut() {
        List<String> ex = CalibrationExamples.forPersona(persona("cold-carl"));
        assertEquals(ex.size(), count(ex, "\"intent\":\"opt_out\""), "every message ends in an opt-out");
        assertTrue(count(ex, "\"response\":\"STOP") >= 5, "texts get STOP");
        assertTrue(count(ex, "\"opted_out\"") >= 10);
        assertTrue(count(ex, "\"unsubscribed\"") >= 5, "emails get unsubscribed");
    }

    @Test
    void busyBobMostlyDoesNotAnswer() {
        List<String> ex = CalibrationExamples.forPersona(persona("busy-bob"));
        assertTrue(count(ex, "\"response\":null") >= ex.size() * 3 / 4, "nulls: " + count(ex, "\"response\":null"));
    }

    @Test
    void eagerEddieBooks() {
        List<String> ex = CalibrationExamples.forPersona(persona("eager-eddie"));
        assertTrue(count(ex, "\"booked\"") >= 2, "bookings: " + count(ex, "\"booked\""));
        assertTrue(count(ex, "\"intent\":\"ready_to_buy\"") >= 2);
        assertEquals(0, count(ex, "\"intent\":\"opt_out\""));
    }

    @Test
    void noExampleShowsTheOfflineEnginesMissingTopicPlaceholder() {
        for (Persona p : PersonaCatalog.builtIns()) {
            for (String e : CalibrationExamples.forPersona(p)) assertFalse(e.contains(" the this") || e.contains(" a this"), e);
        }
    }

    @Test
    void systemPromptCrossesHaikuFourFivesMinimumForEveryBuiltIn() {
        int min = PriceTable.bundled().price("us.anthropic.claude-haiku-4-5-20251001-v1:0").orElseThrow().minCacheTokens();
        assertEquals(4096, min);
        TokenCounter tokens = TokenCounter.o200k();
        PersonaPromptBuilder b = PersonaPromptBuilder.withPrefixTarget(min);
        for (Persona p : PersonaCatalog.builtIns()) {
            int prefix = tokens.prefix(b.build(first(p)));
            assertTrue(prefix >= min && prefix < min + 400, p.id() + ": " + prefix);
        }
    }

    @Test
    void examplesStopOnceTheTargetIsReachedAndAreNeverCut() {
        TokenCounter tokens = TokenCounter.o200k();
        Persona sarah = persona("skeptical-sarah");
        List<String> all = CalibrationExamples.forPersona(sarah);
        String system = PersonaPromptBuilder.withPrefixTarget(1024).build(first(sarah)).system();
        int included = (int) all.stream().filter(system::contains).count();
        assertTrue(included > 0 && included < all.size(), "included " + included);
        assertTrue(system.endsWith(all.get(included - 1)), "whole examples, in order");
        assertTrue(tokens.prefix(PersonaPromptBuilder.withPrefixTarget(1024).build(first(sarah))) >= 1024);
        // One example fewer would not have reached the target.
        String shorter = system.substring(0, system.length() - all.get(included - 1).length() - 2);
        assertTrue(TokenCounter.PER_MESSAGE_OVERHEAD + tokens.count(shorter)
                + tokens.count(dev.rehearsal.providers.core.JobSchema.PERSONA_REPLY.compactText()) < 1024);
    }

    @Test
    void noTargetMeansTodaysPromptAndAnUnreachableTargetTakesTheWholeCatalogue() {
        Persona sarah = persona("skeptical-sarah");
        assertEquals(PersonaCard.systemPrompt(sarah), new PersonaPromptBuilder().build(first(sarah)).system());
        String all = PersonaPromptBuilder.withPrefixTarget(100_000).build(first(sarah)).system();
        assertTrue(all.startsWith(PersonaCard.systemPrompt(sarah) + "\n\n" + CalibrationExamples.HEADING));
        for (String e : CalibrationExamples.forPersona(sarah)) assertTrue(all.contains(e));
    }
}
