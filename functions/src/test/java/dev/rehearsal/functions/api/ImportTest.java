package dev.rehearsal.functions.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** POST /workflows/{id}/import against dynalite: stored like a PUT when it converts, nothing stored when not. */
class ImportTest {
    static final String FLOW = """
            {"description": "Ridgeline Roofing inspection reminder", "initial_state": "Trigger", "states": [
              {"name": "Trigger", "type": "trigger", "transitions": [{"event": "incomingRequest", "next": "remind"}]},
              {"name": "remind", "type": "send-and-wait-for-reply",
               "properties": {"body": "Hi {{flow.data.first_name}}, your roof inspection is tomorrow. Reply YES to confirm. Reply STOP to opt out.", "timeout": "7200"},
               "transitions": [{"event": "incomingMessage", "next": "check"}, {"event": "timeout"}, {"event": "deliveryFailure"}]},
              {"name": "check", "type": "split-based-on", "properties": {"input": "{{widgets.remind.inbound.Body}}"},
               "transitions": [{"event": "noMatch"}, {"event": "match", "next": "thanks",
                 "conditions": [{"friendly_name": "Yes", "arguments": ["{{widgets.remind.inbound.Body}}"], "type": "equal_to", "value": "yes"}]}]},
              {"name": "thanks", "type": "send-message", "properties": {"body": "Thanks, see you tomorrow!"}, "transitions": [{"event": "sent"}, {"event": "failed"}]}
            ]}""";
    static final String STUDIO_BODY = "{\"format\": \"twilio-studio\", \"definition\": " + FLOW + "}";
    static final String ACCOUNT = "ridgeline";

    final ApiFixture f = new ApiFixture();

    APIGatewayV2HTTPResponse post(String id, String body) {
        return f.call(ApiFixture.event(ACCOUNT, "POST", "/workflows/" + id + "/import", body));
    }

    @Test
    void aConvertedFlowIsStoredAsTheNextVersionWithItsMappingReport() {
        APIGatewayV2HTTPResponse r = post("roof-reminder", STUDIO_BODY);
        assertEquals(201, r.getStatusCode(), r.getBody());
        JsonNode out = ApiFixture.json(r);
        assertEquals(1, out.get("version").asInt());
        assertEquals("/workflows/roof-reminder", r.getHeaders().get("location"));
        assertEquals(0, out.at("/mapping/counts/UNSUPPORTED").asInt(), out.toString());
        assertTrue(out.at("/mapping/entries/0/pointer").asText().startsWith("/states/0"));
        assertTrue(out.get("issues").isArray());
        JsonNode stored = ApiFixture.json(f.call(ApiFixture.event(ACCOUNT, "GET", "/workflows/roof-reminder", null)));
        assertEquals("roof-reminder", stored.at("/definition/id").asText());
        assertEquals("remind__wait", stored.at("/definition/steps/1/id").asText());
        APIGatewayV2HTTPResponse again = post("roof-reminder", STUDIO_BODY);
        assertEquals(200, again.getStatusCode(), "the same import is the same version");
        assertEquals(1, ApiFixture.json(again).get("version").asInt());
        // and it runs like any stored workflow
        assertEquals(202, f.call(ApiFixture.event(ACCOUNT, "POST", "/workflows/roof-reminder/test", "{\"personas\":[\"busy-bob\"]}"))
                .getStatusCode());
    }

    @Test
    void badImportsAreLocatedAndStoreNothing() {
        Set<String> before = f.snapshot();
        ObjectNode dangling = (ObjectNode) Json.mapper().createObjectNode().put("format", "twilio-studio")
                .set("definition", dev.rehearsal.functions.http.ApiRequest.parseJson(FLOW));
        ((ObjectNode) dangling.at("/definition/states/2/transitions/1")).put("next", "ghost");
        expect(post("roof", Json.write(dangling)), "invalid_import", "/definition/states/2/transitions/1/next");
        expect(post("roof", STUDIO_BODY.substring(0, STUDIO_BODY.length() / 2)), "malformed_json", null);
        expect(post("roof", "{\"format\": \"zapier\", \"definition\": " + FLOW + "}"), "invalid_import", "/format");
        expect(post("roof", "{\"format\": \"klaviyo\", \"definition\": " + FLOW + "}"), "invalid_import", "/definition/actions");
        expect(post("roof", "{\"format\": \"mautic\", \"definition\": " + FLOW + "}"), "invalid_import", "/definition/campaign/events");
        expect(post("roof", "{\"format\": \"twilio-studio\"}"), "invalid_import_request", "/definition");
        expect(post("roof", "{\"definition\": {\"steps\": []}}"), "invalid_import", "/definition");
        expect(post("roof", STUDIO_BODY.replace("\"format\"", "\"options\": {\"category\": \"spam\"}, \"colour\": 1, \"format\"")),
                "invalid_import_request", "/colour");
        expect(post("roof", "{\"definition\": " + huge() + "}"), "too_many_steps", "/definition");
        assertEquals(before, f.snapshot(), "nothing was written");
    }

    private void expect(APIGatewayV2HTTPResponse r, String code, String pointer) {
        assertEquals(400, r.getStatusCode(), r.getBody());
        JsonNode err = ApiFixture.json(r).get("error");
        assertEquals(code, err.get("code").asText(), r.getBody());
        if (pointer != null) assertTrue(r.getBody().contains("\"" + pointer + "\""), pointer + " in " + r.getBody());
    }

    /** A valid flow of 600 messages in a row: over the 500-step limit once converted. */
    private static String huge() {
        ObjectNode flow = Json.mapper().createObjectNode().put("initial_state", "Trigger");
        ArrayNode states = flow.putArray("states");
        states.addObject().put("name", "Trigger").put("type", "trigger").putArray("transitions").addObject()
                .put("event", "incomingRequest").put("next", "m0");
        for (int i = 0; i < 600; i++) {
            ObjectNode s = states.addObject().put("name", "m" + i).put("type", "send-message");
            s.putObject("properties").put("body", "Message " + i);
            ObjectNode t = s.putArray("transitions").addObject().put("event", "sent");
            if (i < 599) t.put("next", "m" + (i + 1));
        }
        return Json.write(flow);
    }
}
