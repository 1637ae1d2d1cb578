package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.rehearsal.engine.validate.Fixtures.ofType;
import static dev.rehearsal.engine.validate.Fixtures.str;
import static dev.rehearsal.engine.validate.Fixtures.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Spanish opt-out language, urgency phrases, one-click unsubscribe and merge-field suggestions. */
class ComplianceLanguageTest {

    private static List<Issue> sms(String body) {
        Workflow w = workflow("s", """
                {"id": "s", "type": "send_sms", "config": {"body": %s}, "next": "e"},
                {"id": "e", "type": "end"}
                """.formatted(str(body)));
        return new MessageQualityValidator().validate(w);
    }

    @Test
    void spanishOptOutLanguageCountsAndItsAbsenceStillFires() {
        assertEquals(List.of(), ofType(sms("Hola, tu cotización está lista. Responde BAJA para no recibir más mensajes"), "missing_sms_opt_out"));
        assertEquals(List.of(), ofType(sms("Tu cita es mañana. Envía ALTO para cancelar los mensajes."), "missing_sms_opt_out"));
        assertEquals(1, ofType(sms("Hola, tu cotización está lista."), "missing_sms_opt_out").size());
    }

    @Test
    void urgencyPhrasesGetTheirOwnFindingInEnglishAndSpanish() {
        List<Issue> en = ofType(sms("Today only: 20% off your roof inspection. Reply STOP to opt out."), "urgency_pressure");
        assertEquals(1, en.size());
        assertTrue(en.get(0).message().contains("today only"), en.get(0).message());
        List<Issue> es = ofType(sms("¡Última oportunidad! Solo hoy 20% de descuento. Responde BAJA para no recibir más mensajes"), "urgency_pressure");
        assertEquals(1, es.size());
        assertTrue(es.get(0).message().contains("ultima oportunidad") && es.get(0).message().contains("solo hoy"), es.get(0).message());
        // the fixed twin: a real date, no pressure
        assertEquals(List.of(), ofType(sms("20% off roof inspections until March 31. Reply STOP to opt out."), "urgency_pressure"));
        // and a word that merely contains a phrase does not count
        assertEquals(List.of(), ofType(sms("Our hurrying crew is booked. Reply STOP to opt out."), "urgency_pressure"));
    }

    private static final String EMAIL = """
            {"id": "m", "type": "send_email", "config": {"subject": "Spring tune-up", "body": "Book now. Unsubscribe: {{account.unsubscribe_url}} {{account.postal_address}}"}, "next": "e"},
            {"id": "e", "type": "end"}
            """;

    @Test
    void marketingEmailDeclaresOneClickUnsubscribe() {
        List<Issue> missing = ofType(new MessageQualityValidator().validate(workflow("m", EMAIL)), "missing_one_click_unsubscribe");
        assertEquals(1, missing.size());
        assertEquals("/settings/email", missing.get(0).pointer());
        Workflow http = workflow("m", EMAIL, "{\"email\": {\"list_unsubscribe\": \"http://x.example/u\", \"list_unsubscribe_post\": true}}");
        assertTrue(ofType(new MessageQualityValidator().validate(http), "missing_one_click_unsubscribe").get(0).message().contains("https"));
        Workflow fixed = workflow("m", EMAIL, "{\"email\": {\"list_unsubscribe\": \"https://x.example/u\", \"list_unsubscribe_post\": true}}");
        assertEquals(List.of(), ofType(new MessageQualityValidator().validate(fixed), "missing_one_click_unsubscribe"));
        Workflow transactional = workflow("m", EMAIL, "{\"category\": \"transactional\"}");
        assertEquals(List.of(), ofType(new MessageQualityValidator().validate(transactional), "missing_one_click_unsubscribe"));
    }

    @Test
    void unknownMergeFieldsSuggestTheNearestKnownField() {
        assertTrue(suggestion("Unsubscribe: {{account.unsubscribe_link}}").contains("{{account.unsubscribe_url}}"));
        assertTrue(suggestion("Unsubscribe: {{unsubscribe_url}}").contains("{{account.unsubscribe_url}}"));
        assertTrue(suggestion("Hi {{contact.firstname | default: \"there\"}}").contains("{{contact.first_name}}"));
        assertTrue(suggestion("Call {{sender.phone_number}}").contains("{{sender.phone}}"));
        assertTrue(suggestion("Hi {{contact.zodiac_sign}}").contains("contact fields:"), "nothing close: the generic advice");
    }

    private static String suggestion(String body) {
        List<Issue> found = ofType(sms(body + " Reply STOP to opt out."), "unknown_merge_field");
        assertEquals(1, found.size(), found::toString);
        return found.get(0).suggestion();
    }
}
