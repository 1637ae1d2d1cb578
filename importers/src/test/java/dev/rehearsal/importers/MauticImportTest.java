package dev.rehearsal.importers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.EndReason;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class MauticImportTest {
    static final String FIXTURE = ExternalFlows.resource("/mautic/physio-reactivation.json");

    static ImportResult importIt(String text) {
        return Importers.fromText(null, text, ImportOptions.withId("physio"));
    }

    @Test
    void everyEventIsAccountedForAndEveryPersonaWalksIt() {
        ImportResult r = importIt(FIXTURE);
        assertEquals(ImportFormat.MAUTIC, r.format());
        Set<String> pointers = new HashSet<>();
        r.report().entries().forEach(m -> pointers.add(m.pointer()));
        for (int i = 0; i < 15; i++) assertTrue(pointers.contains("/campaign_event/" + i), "event " + i);
        for (Persona p : PersonaCatalog.builtIns()) {
            var run = SimulationRunner.run(r.workflow(), p, new OfflinePersonaEngine(), SimulationOptions.defaults(11));
            assertTrue(Set.of(EndReason.END, EndReason.LOOP_GUARD, EndReason.MAX_STEPS).contains(run.session().endReason),
                    p.id() + " " + run.session().endReason + " " + run.path());
        }
    }

    @Test
    void timingDecisionsAndConditionsKeepMauticsMeaning() {
        Workflow wf = importIt(FIXTURE).workflow();
        Step first = wf.step(wf.start());
        assertEquals(StepType.DELAY, first.type(), "restricted hours hold the first email");
        assertEquals("[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\"]", first.config().at("/window/days").toString(), "Mautic's 1-5 are Monday to Friday");
        Step welcome = wf.step(first.next());
        assertEquals(StepType.SEND_EMAIL, welcome.type());
        assertEquals("{{contact.first_name | default: \"Hi there\"}}, your back will thank you", welcome.subject());
        assertTrue(welcome.body().contains("{{account.unsubscribe_url}}"), welcome.body());
        Step opened = wf.step(welcome.next());
        assertEquals(StepType.WAIT_FOR_REPLY, opened.type());
        assertEquals("email_open", opened.text("for"));
        assertEquals("3d", opened.text("timeout"), "the 'no' path's interval is the decision's timeout");
        assertEquals("e108-reminder-email", opened.onTimeout(), "'no' goes straight to the reminder, its interval already waited");
        Step reply = wf.step("e105-replied-yes");
        assertEquals(StepType.WAIT_FOR_REPLY, reply.type());
        assertEquals("sms", reply.text("channel"));
        assertTrue(wf.step(reply.onReply()).branches().get(0).when().toString().contains("regex"));
        Step clicked = wf.step("e109-clicked-booking-link");
        assertEquals("14d", clicked.text("timeout"), "the jump on 'no' waits 14 days: the decision's timeout");
        assertEquals("e108-reminder-email", clicked.onTimeout(), "then jumps back to the reminder");
        assertEquals("[\"yes\",\"no\"]", importIt(FIXTURE).definition().at("/inputs/e114_visited_the_pricing_page_happened/values").toString(),
                "a page visit is a choice point each walk draws");
        assertEquals(StepType.PLACEHOLDER, wf.step("e113-add-points").type());
        assertTrue(wf.step("e115-has-the-vip-tag").branches().get(0).when().toString().contains("vip"));
        Step austin = wf.step("e110-lives-in-austin");
        assertTrue(austin.branches().get(0).when().toString().contains("{{contact.city}}"));
        assertEquals(StepType.EXTERNAL_CALL, wf.step("e111-sync-to-ehr").type());
    }

    @Test
    void secondRootRunsAfterTheFirstAndSaysSo() {
        ImportResult r = importIt(FIXTURE);
        Mapping pricing = r.report().entries().stream().filter(m -> m.pointer().equals("/campaign_event/13")).findFirst().orElseThrow();
        assertEquals(Mapping.Outcome.UNSUPPORTED, pricing.outcome(), "page hits are not simulated");
        assertTrue(pricing.note().contains("alongside"), pricing.note());
    }

    @Test
    void brokenExportsAreLocated() {
        JsonNode tree = Json.mapper().valueToTree(Json.convert(dev.rehearsal.engine.json.LocatedJson.parseFast(FIXTURE), Object.class));
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/campaign_event/3")).put("parent_id", 999);
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/campaign_event/5")).put("event_type", "wait");
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.at("/campaign_event/11/properties")).put("jumpToEvent", 5);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> importIt(Json.pretty(tree)));
        Set<String> at = new HashSet<>();
        e.problems().forEach(p -> at.add(p.pointer() + " " + p.code()));
        assertEquals(Set.of("/campaign_event/3/parent_id dangling_parent", "/campaign_event/5/event_type invalid_event",
                "/campaign_event/11/properties/jumpToEvent dangling_jump"), at);
        assertTrue(e.problems().stream().allMatch(p -> p.line() > 0));
        InvalidInputException cut = assertThrows(InvalidInputException.class, () -> importIt(FIXTURE.substring(0, 3000)));
        assertEquals("malformed_json", cut.problems().get(0).code());
    }

    @Test
    void theRestApiShapeReadsTheSame() {
        String rest = """
                {"campaign": {"id": 3, "name": "Welcome", "events": {
                  "1": {"id": 1, "name": "Hello", "type": "sms.send_text_sms", "eventType": "action", "order": 1,
                        "properties": {"sms": 4}, "triggerMode": "interval", "triggerInterval": 2, "triggerIntervalUnit": "h",
                        "parent": null, "decisionPath": null},
                  "2": {"id": 2, "name": "Tag", "type": "lead.changetags", "eventType": "action", "order": 2,
                        "properties": {"add_tags": ["welcomed"]}, "triggerMode": "immediate", "parent": {"id": 1}, "decisionPath": null}}}}""";
        ImportResult r = importIt(rest);
        assertEquals(ImportFormat.MAUTIC, r.format());
        assertEquals("2h", r.workflow().step(r.workflow().start()).text("duration"));
        assertEquals("/campaign/events/2", r.report().entries().get(0).pointer(), "children first: the tag is built before its parent");
    }
}
