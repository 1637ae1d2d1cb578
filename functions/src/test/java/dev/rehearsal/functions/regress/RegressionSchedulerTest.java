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
        // a change: ready leads are handed to a rep instead of getting the booking link
        String broken = wf.replace("{\"label\": \"ready\", \"when\": {\"reply_intent\": [\"ready_to_buy\", \"interested\"]}, \"next\": \"booking_sms\"}",
                "{\"label\": \"ready\", \"when\": {\"reply_intent\": [\"ready_to_buy\", \"interested\"]}, \"next\": \"notify_rep\"}");
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
            if (e.get("suite_id").asText().equals("a-suite")) throw new IllegalStateException("EventBridge unavailable");
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
        assertTrue(kinds.stream().anyMatch(k -> k.startsWith("pass_rate_dropped:no message after opt-out [cold-carl]: 30/30 -> 0/30")),
                kinds.toString());
        assertTrue(kinds.stream().anyMatch(k -> k.startsWith("pass_rate_dropped:never reaches step 'nudge_sms' [cold-carl]")),
                kinds.toString());
        assertTrue(kinds.contains("new_finding:message_after_opt_out@nudge_sms/cold-carl in 30 of 30 walks"), kinds.toString());
        assertTrue(kinds.stream().filter(k -> k.startsWith("pass_rate_dropped")).allMatch(k -> k.contains("adjusted p = ")));
        assertEquals(1, events.size());
    }

    @Test
    void anUnchangedSuiteRerunWithAnotherSeedReportsNoChange() {
        StepFixture f = new StepFixture();
        RegressionScheduler s = new RegressionScheduler(f.services, e -> { });
        f.store.workflows().save("acme", "sms-lead-followup", StepFixture.exampleWorkflow());
        String expectations = "[{\"type\":\"no_message_after_opt_out\"},{\"type\":\"reaches_step\",\"step\":\"pricing_sms\","
                + "\"personas\":[\"price-conscious-pam\"],\"min_pass_rate\":0.25}]";
        int noisy = 0;
        List<String> seen = new ArrayList<>();
        for (int seed = 1; seed <= 20; seed++) {
            JsonNode a = s.digest("acme", suite(seed, expectations));
            JsonNode b = s.digest("acme", suite(seed + 1000, expectations));
            var findings = RegressionComparator.compare(a, b);
            if (!findings.isEmpty()) {
                noisy++;
                seen.add(seed + ": " + findings);
            }
        }
        assertEquals(0, noisy, "seed pairs that reported noise as a regression: " + seen);
    }

    @Test
    void breakingABranchIsASignificantDrop() {
        StepFixture f = new StepFixture();
        RegressionScheduler s = new RegressionScheduler(f.services, e -> { });
        String wf = StepFixture.exampleWorkflow();
        f.store.workflows().save("acme", "sms-lead-followup", wf);
        String expectations = "[{\"type\":\"reaches_step\",\"step\":\"pricing_sms\",\"personas\":[\"price-conscious-pam\"],"
                + "\"min_pass_rate\":0.25}]";
        JsonNode before = s.digest("acme", suite(3, expectations));
        // The price branch now matches only an exact keyword nobody writes: price askers fall to the default.
        String broken = wf.replace("{\"reply_intent\": [\"price_objection\"]}, {\"reply_contains\": [\"price\", \"cost\", \"how much\"]}",
                "{\"reply_contains\": [\"PRICE-LIST-PLEASE\"]}");
        assertNotEquals(wf, broken);
        f.store.workflows().save("acme", "sms-lead-followup", broken);
        JsonNode after = s.digest("acme", suite(4, expectations));
        List<String> kinds = new ArrayList<>();
        RegressionComparator.compare(before, after).forEach(x -> kinds.add(x.get("kind").asText() + ":" + x.get("detail").asText()));
        assertTrue(kinds.stream().anyMatch(k -> k.startsWith("pass_rate_dropped:reaches step 'pricing_sms'")), kinds.toString());
    }

    @Test
    void aVersionOneBaselineIsReplacedAndTheRunSaysSo() {
        StepFixture f = new StepFixture();
        RegressionScheduler s = new RegressionScheduler(f.services, e -> { });
        f.store.workflows().save("acme", "sms-lead-followup", StepFixture.exampleWorkflow());
        f.store.suites().put("acme", "old", "{\"name\":\"Old\",\"entries\":[{\"workflow\":\"sms-lead-followup\",\"seed\":7}]}");
        f.store.suites().putBaseline("acme", "old", "{\"entries\":[{\"workflow\":\"sms-lead-followup\",\"score\":100,"
                + "\"paths\":{\"eager-eddie\":[\"intro_sms\"]}}]}");
        JsonNode r = s.runAll().get("suites").get(0);
        assertEquals("baseline_replaced", r.get("outcome").asText(), r.toString());
        assertTrue(r.get("note").asText().contains("digest version 1"));
        assertEquals("unchanged", s.runAll().get("suites").get(0).get("outcome").asText());
    }

    static JsonNode suite(long seed, String expectations) {
        return parse("{\"name\":\"S\",\"entries\":[{\"workflow\":\"sms-lead-followup\",\"seed\":" + seed
                + ",\"expectations\":" + expectations + "}]}");
    }

    static JsonNode parse(String json) {
        try {
            return dev.rehearsal.engine.json.Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
