package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.rehearsal.engine.validate.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class ValidatorsTest {

    @Test
    void everyFamilyIsRegistered() {
        assertEquals(List.of(StructuralValidator.class, MessageQualityValidator.class, TimingValidator.class,
                        IntegrationValidator.class, ReplyWindowValidator.class,
                        dev.rehearsal.engine.flow.FlowValidator.class),
                Validators.all().stream().map(Object::getClass).toList());
    }

    @Test
    void issuesComeMostSevereFirstThenInStepOrder() {
        Workflow w = workflow("a", """
                {"id": "a", "type": "send_sms", "config": {"body": "Hi {{contact.first_name}}, it’s ready"}, "next": "b"},
                {"id": "b", "type": "send_email", "config": {"subject": "Quote", "body": "Here it is."}, "next": "w"},
                {"id": "w", "type": "wait_for_reply", "config": {"timeout": "1d"}, "on_reply": "z"},
                {"id": "lost", "type": "end"},
                {"id": "z", "type": "end"}
                """);
        List<Issue> issues = Validators.validate(w);
        List<String> got = issues.stream().map(i -> i.severity().wire() + ":" + i.type() + "@" + i.stepId()).toList();
        assertEquals(List.of(
                "error:missing_sms_opt_out@a",
                "error:missing_postal_address@b",
                "error:missing_unsubscribe@b",
                "warning:burst@a",
                "warning:merge_field_without_fallback@a",
                "warning:sms_unicode@a",
                "warning:missing_one_click_unsubscribe@b",
                "warning:conversation_dropped@w",
                "warning:wait_without_timeout_branch@w",
                "warning:orphan_step@lost"), got);
        // issues serialise for the API and reports without nulls
        assertFalse(Json.write(issues.get(0)).contains("persona"));
    }
}
