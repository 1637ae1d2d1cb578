package dev.rehearsal.importers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.PersonaCatalog;
import dev.rehearsal.engine.sim.EndReason;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class KlaviyoImportTest {
    static final String FIXTURE = ExternalFlows.resource("/klaviyo/pet-shop-welcome.json");

    static ImportResult importIt(String text) {
        return Importers.fromText(null, text, ImportOptions.withId("pets"));
    }

    @Test
    void everyActionIsAccountedForAndEveryPersonaWalksIt() {
        ImportResult r = importIt(FIXTURE);
        assertEquals(ImportFormat.KLAVIYO, r.format());
        Set<String> pointers = new HashSet<>();
        r.report().entries().forEach(m -> pointers.add(m.pointer()));
        for (int i = 0; i < 12; i++) assertTrue(pointers.contains("/data/attributes/definition/actions/" + i), "action " + i);
        assertTrue(pointers.contains("/data/attributes/definition/triggers"));
        Set<String> ends = new HashSet<>();
        for (Persona p : PersonaCatalog.builtIns()) {
            var run = SimulationRunner.run(r.workflow(), p, new OfflinePersonaEngine(), SimulationOptions.defaults(5));
            assertEquals(EndReason.END, run.session().endReason, p.id() + " " + run.path());
            ends.add(run.path().get(run.path().size() - 2));
        }
        assertTrue(ends.size() > 1, "the drawn splits send walks different ways: " + ends);
    }

    @Test
    void actionsKeepKlaviyosMeaning() {
        ImportResult r = importIt(FIXTURE);
        Workflow wf = r.workflow();
        assertEquals("welcome", wf.start());
        assertEquals("Welcome to the pack, {{contact.first_name | default: \"friend\"}}!", wf.step("welcome").subject());
        assertTrue(wf.step("welcome").body().contains("{{account.unsubscribe_url}}"), "Klaviyo adds the unsubscribe link");
        assertEquals("2d", wf.step("wait2d").text("duration"));
        assertEquals("09:00", wf.step("wait2d").config().at("/window/start").asText());
        assertEquals(5, wf.step("wait2d").config().at("/window/days").size());
        assertTrue(wf.step("has_phone").branches().get(0).when().toString().contains("is_not_blank"));
        assertEquals("15% off treats for {{contact.pet_name}}", wf.step("email_offer").subject());
        assertTrue(r.definition().at("/inputs/bought_matches/values").toString().contains("yes"), "a metric split is a drawn choice point");
        assertEquals(StepType.ADD_TAG, wf.step("vip_tag").type());
        assertEquals("large", wf.step("mark_large").config().at("/fields/pet_size").asText());
        assertEquals(StepType.EXTERNAL_CALL, wf.step("sync").type());
        assertEquals(StepType.PLACEHOLDER, wf.step("ab").type());
        assertEquals("flow_end", wf.step("thank_team").next(), "a null link ends the flow");
    }

    @Test
    void brokenDefinitionsAreLocated() {
        ObjectNode tree = (ObjectNode) Json.mapper().valueToTree(Json.convert(LocatedJson.parseFast(FIXTURE), Object.class));
        ObjectNode def = (ObjectNode) tree.at("/data/attributes/definition");
        def.put("entry_action_id", "nope");
        ((ObjectNode) def.at("/actions/2/links")).put("next_if_false", "ghost");
        ((ObjectNode) def.at("/actions/5")).remove("type");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> importIt(Json.pretty(tree)));
        Set<String> at = new HashSet<>();
        e.problems().forEach(p -> at.add(p.pointer() + " " + p.code()));
        assertEquals(Set.of("/data/attributes/definition/entry_action_id dangling_link",
                "/data/attributes/definition/actions/2/links/next_if_false dangling_link",
                "/data/attributes/definition/actions/5/type invalid_action"), at);
        assertTrue(e.problems().stream().allMatch(p -> p.line() > 0));
        assertEquals("malformed_json", assertThrows(InvalidInputException.class,
                () -> importIt(FIXTURE.substring(0, FIXTURE.length() - 200))).problems().get(0).code());
    }

    @Test
    void theBareDefinitionReadsTheSame() {
        String bare = Json.pretty(Json.mapper().valueToTree(Json.convert(LocatedJson.parseFast(FIXTURE), Object.class))
                .at("/data/attributes/definition"));
        ImportResult r = importIt(bare);
        assertEquals(ImportFormat.KLAVIYO, r.format());
        assertEquals("/actions/0", r.report().entries().get(0).pointer());
    }
}
