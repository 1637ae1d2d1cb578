package dev.rehearsal.engine.expect;

import dev.rehearsal.engine.TestWorkflows;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ExpectationEvaluatorTest {
    // Eddie on the SMS follow-up, the first seed where he books at once:
    // intro_sms > tag_new > wait_first > route > booking_sms > booked > end
    static final SimulationRunner.PersonaRun EDDIE = java.util.stream.LongStream.rangeClosed(1, 200)
            .mapToObj(seed -> SimulationRunner.run(TestWorkflows.example("sms-lead-followup"),
                    PersonaCatalog.builtIn("eager-eddie").orElseThrow(), new OfflinePersonaEngine(), SimulationOptions.defaults(seed)))
            .filter(run -> run.path().equals(List.of("intro_sms", "tag_new", "wait_first", "route", "booking_sms", "booked", "end")))
            .findFirst().orElseThrow();

    @ParameterizedTest(name = "{0} step={1} steps={2} goal={3} max={4} -> {5}")
    @CsvSource(nullValues = "-", value = {
            "reaches_step, booking_sms, -, -, -, true",
            "reaches_step, pricing_sms, -, -, -, false",
            "never_reaches_step, pricing_sms, -, -, -, true",
            "never_reaches_step, booking_sms, -, -, -, false",
            "reaches_step_within, booking_sms, 5, -, -, true",
            "reaches_step_within, booking_sms, 4, -, -, false",
            "ends_in_goal, -, -, booked, -, true",
            "ends_in_goal, -, -, purchased, -, false",
            "ends_in_goal, -, -, -, -, true",
            "max_messages, -, -, -, 2, true",
            "max_messages, -, -, -, 1, false",
            "no_message_after_opt_out, -, -, -, -, true"})
    void eachExpectationPassesAndFailsOnEvidence(String type, String step, Integer steps, String goal, Integer max, boolean expected) {
        assertEquals(List.of("intro_sms", "tag_new", "wait_first", "route", "booking_sms", "booked", "end"), EDDIE.path());
        var e = new Expectation(type, null, step, steps, goal, max, null);
        var results = ExpectationEvaluator.evaluate(List.of(e), List.of(EDDIE));
        assertEquals(1, results.size());
        assertEquals(expected, results.get(0).passed(), results.get(0).evidence());
        assertTrue(results.get(0).evidence().contains("intro_sms") || type.equals("no_message_after_opt_out"));
    }

    @ParameterizedTest
    @CsvSource({"eager-eddie, 1", "cold-carl, 0"})
    void personaFilterLimitsWhoIsJudged(String persona, int count) {
        var e = new Expectation("reaches_step", null, "booking_sms", null, null, null, List.of(persona));
        assertEquals(count, ExpectationEvaluator.evaluate(List.of(e), List.of(EDDIE)).size());
    }
}
