package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.functions.run.RunAdmission;
import dev.rehearsal.providers.ProviderConfig;
import dev.rehearsal.store.RunStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Per-account limits on starting runs, through the API: 429 with Retry-After, and nothing written. */
class RunLimitsTest {
    static final String A = "limits-a";
    static final String B = "limits-b";
    final ApiFixture f = new ApiFixture();
    /** Today's noon (UTC): the table stamps runs with the real clock, and a slot is stale only after 24 h. */
    final Clock noon = Clock.fixed(java.time.LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC),
            ZoneOffset.UTC);

    ApiHandler api(RunAdmission.Settings settings) {
        return new ApiHandler(new Services(f.store, f.services.runStarter(), new RunAdmission(f.store, settings, noon)));
    }

    long startedRuns() {
        return f.started.stream().map(r -> r.runId()).distinct().count();
    }

    static APIGatewayV2HTTPResponse start(ApiHandler api, String account, String key) {
        var e = ApiFixture.event(account, "POST", "/workflows/wf/test", "{\"personas\":[\"busy-bob\"]}", Map.of(),
                key == null ? Map.of() : Map.of("idempotency-key", key));
        return api.handle(e);
    }

    @Test
    void anAccountPastItsActiveRunCapGets429WithRetryAfterAndOthersAreUnaffected() {
        ApiHandler api = api(new RunAdmission.Settings(2, 10, null));
        for (String acct : new String[]{A, B}) {
            assertEquals(201, f.call(ApiFixture.event(acct, "PUT", "/workflows/wf", ApiFixture.workflow("wf"))).getStatusCode());
        }
        String first = ApiFixture.json(start(api, A, "k1")).get("run_id").asText();
        assertEquals(202, start(api, A, "k2").getStatusCode());
        assertEquals(202, start(api, A, "k1").getStatusCode(), "a retried start of a running run is not a new run");

        Set<String> before = f.snapshot();
        APIGatewayV2HTTPResponse refused = start(api, A, "k3");
        assertEquals(429, refused.getStatusCode(), refused.getBody());
        assertEquals("60", refused.getHeaders().get("retry-after"));
        assertEquals("too_many_active_runs", ApiFixture.json(refused).get("error").get("code").asText());
        assertEquals(before, f.snapshot(), "a refused start writes nothing");
        assertEquals(2, startedRuns(), "two runs started (a retried start may start its run again, idempotently)");
        assertEquals(202, start(api, B, "k3").getStatusCode(), "account B has its own cap");

        // when one of A's runs finishes, A may start another
        f.store.runs().finish(A, first, RunStatus.COMPLETED, null);
        assertEquals(202, start(api, A, "k3").getStatusCode());
    }

    @Test
    void aRunWhoseSlotOutlivedItsRunIsReclaimed() {
        ApiHandler api = api(new RunAdmission.Settings(1, 10, null));
        assertEquals(201, f.call(ApiFixture.event(A, "PUT", "/workflows/wf", ApiFixture.workflow("wf"))).getStatusCode());
        String first = ApiFixture.json(start(api, A, "k1")).get("run_id").asText();
        assertEquals(429, start(api, A, "k2").getStatusCode());
        // the run was marked FAILED by something that did not free its slot (an older version, a manual fix)
        f.store.runs().finish(A, first, RunStatus.FAILED, "lost");
        f.store.limits().acquireRunSlot(A, first, 1);
        assertEquals(202, start(api, A, "k2").getStatusCode(), "the finished run's slot is reclaimed");
    }

    @Test
    void aRunThatWouldPassTheDailyLlmBudgetIsRefusedBeforeItStarts() {
        ProviderConfig bedrock = ProviderConfig.resolve(Map.of("REHEARSAL_PROVIDER", "bedrock"), Map.of());
        ApiHandler api = api(new RunAdmission.Settings(10, 0.0001, bedrock));
        assertEquals(201, f.call(ApiFixture.event(A, "PUT", "/workflows/wf", ApiFixture.workflow("wf"))).getStatusCode());
        Set<String> before = f.snapshot();
        new RunAdmission(f.store, new RunAdmission.Settings(10, 0.0001, bedrock), noon).prime();  // SnapStart's warm-up
        APIGatewayV2HTTPResponse refused = start(api, A, null);
        assertEquals(429, refused.getStatusCode(), refused.getBody());
        JsonNode err = ApiFixture.json(refused).get("error");
        assertEquals("llm_budget_exceeded", err.get("code").asText());
        assertTrue(err.get("message").asText().contains("daily LLM budget of $0.00"), err.toString());
        assertEquals(String.valueOf(12 * 3600), refused.getHeaders().get("retry-after"), "until midnight UTC");
        assertEquals(before, f.snapshot(), "neither a run, a slot nor a spend was written");
        assertTrue(f.started.isEmpty());

        ApiHandler roomy = api(new RunAdmission.Settings(10, 5, bedrock));
        assertEquals(202, start(roomy, A, "k1").getStatusCode());
        assertEquals(202, start(roomy, A, "k1").getStatusCode());
        assertEquals(1, startedRuns());
    }
}
