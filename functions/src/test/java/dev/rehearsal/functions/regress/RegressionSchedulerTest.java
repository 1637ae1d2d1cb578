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
        // the schedule retried the same day: no second record, no second event
        assertEquals("regressed", s.runAll().get("suites").get(0).get("outcome").asText());
        assertEquals(1, events.size());
        assertEquals(1, s.records("acme", "nightly").size());
    }

    @Test
    void oneSuitesFailureDoesNotStopTheOthersAndFailsTheNight() throws Exception {
        StepFixture f = new StepFixture();
        String wf = StepFixture.exampleWorkflow();
        f.store.workflows().save("acme", "sms-lead-followup", wf);
        for (String id : List.of("a-suite", "b-suite")) {
            f.store.suites().put("acme", id, "{\"name\":\"S\",\"entries\":[{\"workflow\":\"sms-lead-followup\",\"seed\":7}]}");
        }
        RegressionScheduler baseline = new RegressionScheduler(f.services, e -> { });
        baseline.runAll();
        f.store.workflows().save("acme", "sms-lead-followup", wf.replace("Reply STOP to opt out.", "Reply now!!!"));
        List<JsonNode> published = new ArrayList<>();
        RegressionScheduler flaky = new RegressionScheduler(f.services, e -> {
            if (e.get("suiteId").asText().equals("a-suite")) throw new IllegalStateException("EventBridge unavailable");
            published.add(e);
        });
        ObjectNode summary = flaky.runAll();
        JsonNode suites = summary.get("suites");
        assertEquals("error", suites.get(0).get("outcome").asText(), suites.toString());
        assertTrue(suites.get(0).get("error").asText().contains("EventBridge unavailable"));
        assertEquals("regressed", suites.get(1).get("outcome").asText());
        assertEquals(1, published.size());
        assertEquals(1, summary.get("errors").asInt(), "errors are counted");

        // The Lambda entry point fails the night after every suite ran (so it lands in the dead-letter queue),
        // having printed the night's counts as an embedded-metric line.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true));
        try {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> flaky.handleRequest(new java.io.ByteArrayInputStream("{}".getBytes()), out, null));
            assertTrue(e.getMessage().startsWith("1 suite(s) failed"), e.getMessage());
        } finally {
            System.setOut(stdout);
        }
        JsonNode metric = dev.rehearsal.engine.json.Json.mapper().readTree(printed.toString().trim());
        assertEquals(1, metric.get("RegressionSuiteErrors").asInt());
        assertEquals(2, metric.get("RegressionSuites").asInt());
        assertEquals("Rehearsal", metric.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText());
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
