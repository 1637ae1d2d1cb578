package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Big workflows are validated on every core; the findings must be the same list, in the same order, as a
 * one-thread run gives, on a workflow whose steps have many different findings.
 */
class ParallelValidationTest {
    /** A chain of sends with a finding or several on most steps, a few silent steps, an orphan and a dangling-free end. */
    private static Workflow manyFindings(int sends) {
        String[] bodies = {
                "Hi {{contact.first_name}}, your quote is ready. Reply STOP to opt out.",          // no fallback
                "WIN CASH NOW!!! Txt WIN to 88221, T&Cs apply, 18+ only",                         // spam, short code
                "Last chance: today only, act now! Reply STOP to opt out.",                         // urgency
                "Hi {{contact.nickname}}, it’s ready — see https://bit.ly/x Reply STOP to opt out.", // unknown field, unicode, shortener
                "Hi {{contact.first_name | default: \"there\"}}, see you Tuesday. Reply STOP to opt out.",
                "Ultima oportunidad, solo hoy: {{account.name}} te espera. Responde STOP para salir. " + "x".repeat(170)};
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < sends; i++) {
            String next = i + 1 < sends ? "s" + (i + 1) : "end";
            if (i % 7 == 3) {
                steps.append("""
                        {"id": "s%d", "type": "send_email", "config": {"subject": "%s", "body": %s}, "next": "%s"},
                        """.formatted(i, i % 2 == 0 ? "ACT NOW" : "Your quote", Json.write(bodies[i % bodies.length]), next));
            } else {
                steps.append("""
                        {"id": "s%d", "type": "send_sms", "config": {"body": %s}, "next": "%s"},
                        """.formatted(i, Json.write(bodies[i % bodies.length]), next));
            }
        }
        steps.append("""
                {"id": "orphan", "type": "add_tag", "config": {"tag": "x"}, "next": "end"},
                {"id": "end", "type": "end"}
                """);
        String json = """
                {"id": "big", "name": "Big", "start": "s0", "steps": [%s]}
                """.formatted(steps);
        var r = WorkflowParser.parse(json);
        assertTrue(r.ok(), () -> r.problems().toString());
        return r.workflow();
    }

    @Test
    void messageChecksOnEveryCoreGiveTheOneThreadList() {
        Workflow w = manyFindings(1_200);
        List<Issue> one = new MessageQualityValidator(Integer.MAX_VALUE).validate(w);
        List<Issue> many = new MessageQualityValidator(1).validate(w);
        Set<String> types = new HashSet<>();
        for (Issue i : one) types.add(i.type());
        assertTrue(one.size() > 1_200 && types.size() >= 8, () -> one.size() + " findings of " + types);
        assertEquals(Json.write(one), Json.write(many));
    }

    @Test
    void validatorsSideBySideGiveTheOneThreadList() {
        Workflow w = manyFindings(1_200);
        List<Issue> one = Validators.validate(w, false);
        assertEquals(Json.write(one), Json.write(Validators.validate(w, true)));
        assertEquals(Json.write(one), Json.write(Validators.validate(w)), "the default for a big workflow");
        assertTrue(one.stream().anyMatch(i -> i.type().equals("orphan_step")), "a structural finding is in the list too");
    }
}
