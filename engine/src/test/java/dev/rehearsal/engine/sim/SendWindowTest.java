package dev.rehearsal.engine.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.TestWorkflows;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.*;

/** Mautic-style restricted hours and weekdays on a delay. */
class SendWindowTest {
    static final ZoneId NY = ZoneId.of("America/New_York");

    static ZonedDateTime at(String local) {
        return LocalDateTime.parse(local).atZone(NY);
    }

    static JsonNode window(String json) {
        return Json.mapper().valueToTree(Json.convert(dev.rehearsal.engine.json.LocatedJson.parseFast(json), Object.class));
    }

    @Test
    void holdsUntilTheNextOpenHourOnAnAllowedDay() {
        JsonNode businessHours = window("{\"start\":\"09:00\",\"end\":\"17:00\",\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]}");
        assertEquals(at("2026-03-02T10:00"), SendWindow.next(businessHours, at("2026-03-02T10:00")), "Monday 10:00 is inside");
        assertEquals(at("2026-03-03T09:00"), SendWindow.next(businessHours, at("2026-03-02T17:00")), "end is exclusive");
        assertEquals(at("2026-03-09T09:00"), SendWindow.next(businessHours, at("2026-03-06T18:30")), "Friday evening waits for Monday");
        assertEquals(at("2026-03-02T09:00"), SendWindow.next(businessHours, at("2026-03-02T06:15")));
    }

    @Test
    void windowsMayWrapMidnightOrNameOnlyDays() {
        JsonNode night = window("{\"start\":\"22:00\",\"end\":\"02:00\",\"days\":[\"sat\"]}");
        assertEquals(at("2026-03-08T01:00"), SendWindow.next(night, at("2026-03-08T01:00")), "Sunday 01:00 is Saturday night");
        assertEquals(at("2026-03-07T22:00"), SendWindow.next(night, at("2026-03-07T12:00")));
        JsonNode weekend = window("{\"days\":[\"sat\",\"sun\"]}");
        assertEquals(at("2026-03-07T00:00"), SendWindow.next(weekend, at("2026-03-04T15:00")));
    }

    @Test
    void aDelayWithAWindowWaitsItsDurationThenForTheWindow() {
        var wf = TestWorkflows.parse("""
                {"id":"w","name":"W","start":"wait","steps":[
                 {"id":"wait","type":"delay","config":{"duration":"1d","window":{"start":"09:00","end":"11:00","days":["wed"]}},"next":"end"},
                 {"id":"end","type":"end"}]}""");
        var eddie = PersonaCatalog.builtIn("eager-eddie").orElseThrow(); // America/Chicago; start Monday 10:00
        var run = SimulationRunner.run(wf, eddie, new ScriptedResponder(), SimulationOptions.defaults(1));
        assertTrue(run.interactions().get(0).note().contains("waited 1d23h"), run.interactions().get(0).note());
        assertFalse(WorkflowParser.parse("""
                {"id":"w","name":"W","start":"a","steps":[{"id":"a","type":"delay","config":{"duration":"1d","until":"09:00"},"next":"b"},{"id":"b","type":"end"}]}""").ok(),
                "duration and until together stay refused");
    }
}
