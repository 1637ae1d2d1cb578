package dev.rehearsal.functions.regress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.functions.steps.StepFixture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Baseline on first run, unchanged on the second, regression (record + event) after the workflow changes. */
class RegressionSchedulerTest {
    @Test
    void baselineThenUnchangedThenRegressionWithRecordAndEvent() {
        StepFixture f = new StepFixture();
        List<JsonNode> events = new ArrayList<>();
        RegressionScheduler s = new RegressionScheduler(f.services, events::add);
        String wf = StepFixture.exampleWorkflow();
        f.store.workflows().save("acme", "sms-lead-followup", wf);
        f.store.suites().put("acme", "nightly", "{\"name\":\"Nightly\",\"entries\":[{\"workflow\":\"sms-lead-followup\",\"seed\":7}]}");
        assertEquals("baseline_created", s.runAll().get("suites").get(0).get("outcome").asText());
        ObjectNode second = s.runAll();
        assertEquals("unchanged", second.get("suites").get(0).get("outcome").asText());
        assertEquals(0, second.get("regressions").asInt());
        // a change: the booking step now ends the workflow instead of reaching the goal
        String broken = wf.replace("\"id\": \"intro_sms\", \"type\": \"send_sms\", \"config\": {\"body\": \"Hi",
                "\"id\": \"intro_sms\", \"type\": \"send_sms\", \"config\": {\"body\": \"FREE!!! CLICK NOW Hi");
        assertTrue(!broken.equals(wf));
        f.store.workflows().save("acme", "sms-lead-followup", broken);
        ObjectNode third = s.runAll();
        JsonNode r = third.get("suites").get(0);
        assertEquals("regressed", r.get("outcome").asText(), r.toString());
        assertEquals(1, events.size());
        assertEquals(1, s.records("acme", "nightly").size());
        assertTrue(r.get("findings").size() > 0);
    }

    @Test
    void aSuiteExpectationThatStartsFailingIsReported() {
        StepFixture f = new StepFixture();
        List<JsonNode> events = new ArrayList<>();
        RegressionScheduler s = new RegressionScheduler(f.services, events::add);
        String wf = StepFixture.exampleWorkflow();
        f.store.workflows().save("acme", "sms-lead-followup", wf);
        f.store.suites().put("acme", "optout", """
                {"name":"Opt-out","entries":[{"workflow":"sms-lead-followup","seed":7,"personas":["cold-carl"],
                  "expectations":[{"type":"no_message_after_opt_out"},{"type":"never_reaches_step","step":"nudge_sms"}]}]}
                """);
        assertEquals("baseline_created", s.runAll().get("suites").get(0).get("outcome").asText());
        // Someone routes opted-out contacts into the nudge: Carl now gets a text after STOP.
        String careless = wf.replace("{\"label\": \"opted out\", \"when\": {\"opted_out\": \"sms\"}, \"next\": \"end_opted_out\"},",
                "{\"label\": \"opted out\", \"when\": {\"opted_out\": \"sms\"}, \"next\": \"nudge_sms\"},");
        assertNotEquals(wf, careless);
        f.store.workflows().save("acme", "sms-lead-followup", careless);
        JsonNode r = s.runAll().get("suites").get(0);
        assertEquals("regressed", r.get("outcome").asText(), r.toString());
        List<String> kinds = new ArrayList<>();
        r.get("findings").forEach(x -> kinds.add(x.get("kind").asText() + ":" + x.get("detail").asText()));
        assertTrue(kinds.contains("expectation_now_failing:no message after opt-out [cold-carl]"), kinds.toString());
        assertTrue(kinds.contains("expectation_now_failing:never reaches step 'nudge_sms' [cold-carl]"), kinds.toString());
        assertTrue(kinds.stream().anyMatch(k -> k.startsWith("new_issue:message_after_opt_out@nudge_sms/cold-carl")), kinds.toString());
        assertEquals(1, events.size());
    }
}
