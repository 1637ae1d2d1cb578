package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;

import static dev.rehearsal.engine.flow.ContactFacts.EMAIL_ENGAGED;
import static dev.rehearsal.engine.flow.ContactFacts.REPLY;
import static dev.rehearsal.engine.flow.ContactFacts.SENT_EMAIL;
import static dev.rehearsal.engine.flow.ContactFacts.SENT_SMS;
import static dev.rehearsal.engine.flow.ContactFacts.SMS_OPTED_OUT;
import static dev.rehearsal.engine.flow.FlowFixtures.condition;
import static dev.rehearsal.engine.flow.FlowFixtures.delay;
import static dev.rehearsal.engine.flow.FlowFixtures.email;
import static dev.rehearsal.engine.flow.FlowFixtures.end;
import static dev.rehearsal.engine.flow.FlowFixtures.sms;
import static dev.rehearsal.engine.flow.FlowFixtures.tag;
import static dev.rehearsal.engine.flow.FlowFixtures.await;
import static dev.rehearsal.engine.flow.FlowFixtures.workflow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowAnalysisTest {

    @Test
    void aDiamondJoinsWhatEitherArmMayHaveDone() {
        // given: sms -> wait; on_reply tags "hot", on_timeout sends an email; both arms meet at 'join'
        Workflow w = workflow("s",
                sms("s", "w"), await("w", "t", "e"), tag("t", "hot", "join"), email("e", "join"),
                condition("join", "x", "{\"has_tag\": \"hot\"}", "x"), end("x"));
        // when
        FlowFacts f = FlowAnalysis.of(w);
        // then: at the join both arms' facts are possible
        ContactFacts join = f.at("join");
        assertTrue(join.may(SENT_SMS));
        assertTrue(join.may(SENT_EMAIL), "the timeout arm sent an email");
        assertTrue(join.mayHaveTag("hot"), "the reply arm set the tag");
        assertTrue(join.may(REPLY), "the reply arm took a reply");
        assertFalse(join.may(EMAIL_ENGAGED), "the email arm has no wait after its email");
        // and the arms themselves keep their own facts
        assertFalse(f.at("e").may(REPLY), "on_timeout: no reply arrived");
        assertTrue(f.at("t").may(REPLY));
        assertFalse(f.at("t").mayHaveTag("hot"), "facts are on entry to a step");
    }

    @Test
    void aLoopCarriesFactsBackToItsHead() {
        // given: head -> sms -> delay -> check(has_tag looped) -> tag looped -> head
        Workflow w = workflow("head",
                condition("head", "m", "{\"has_tag\": \"looped\"}", "x"), sms("m", "d"), delay("d", "tg"),
                tag("tg", "looped", "head"), end("x"));
        FlowFacts f = FlowAnalysis.of(w);
        ContactFacts head = f.at("head");
        assertTrue(head.mayHaveTag("looped"), "the tag set late in the loop reaches its head on the next pass");
        assertTrue(head.may(SMS_OPTED_OUT), "the loop's SMS and delay allow an opt-out before the next pass");
        assertTrue(f.takeable(new Transition("head", "branch:b1", "x")));
    }

    @Test
    void nestedConditionsPropagateOnlyAlongTakeableBranches() {
        // given: a reply test on the timeout path (never true) guards a tag; a later has_tag test sees no tag
        Workflow w = workflow("s",
                sms("s", "w"), await("w", "ok", "c1"),
                condition("c1", "c2", "{\"reply_intent\": [\"interested\"]}", "t"),
                tag("t", "hot", "c2"),
                condition("c2", "x", "{\"has_tag\": \"hot\"}", "ok"),
                end("ok"), end("x"));
        FlowFacts f = FlowAnalysis.of(w);
        assertFalse(f.reachable("t"), "only a dead branch leads to the tag step");
        assertFalse(f.at("c2").mayHaveTag("hot"));
        Transition dead = new Transition("c1", "branch:b1", "t");
        assertFalse(f.takeable(dead));
        assertTrue(f.deadReason(dead).contains("on_timeout"), f.deadReason(dead));
        assertNull(f.deadReason(new Transition("c1", "default", "c2")));
        assertNotNull(f.deadReason(new Transition("t", "next", "c2")));
    }

    @Test
    void aNewEmailResetsEngagementUntilTimePasses() {
        Workflow w = workflow("e1",
                email("e1", "d"), delay("d", "e2"), email("e2", "c"),
                condition("c", "x", "{\"email_opened\": true}", "x"), end("x"));
        FlowFacts f = FlowAnalysis.of(w);
        assertTrue(f.at("e2").may(EMAIL_ENGAGED));
        assertFalse(f.at("c").may(EMAIL_ENGAGED));
    }

    @Test
    void aLadderOfDiamondsIsAnalysedInOnePass() {
        // given: 2,000 rungs of send -> wait -> condition -> (two arms) -> next rung
        StringBuilder steps = new StringBuilder();
        int rungs = 2_000;
        for (int r = 0; r < rungs; r++) {
            String next = r + 1 < rungs ? "m" + (r + 1) : "x";
            steps.append(sms("m" + r, "w" + r)).append(",\n")
                    .append(await("w" + r, "c" + r, "c" + r)).append(",\n")
                    .append(condition("c" + r, "n" + r, "{\"reply_intent\": [\"interested\"]}", "y" + r)).append(",\n")
                    .append(sms("y" + r, next)).append(",\n")
                    .append(tag("n" + r, "cold", next)).append(",\n");
        }
        Workflow w = workflow("m0", steps + end("x"));
        FlowFacts f = FlowAnalysis.of(w);
        assertTrue(f.at("x").mayHaveTag("cold"));
        assertTrue(f.at("c" + (rungs - 1)).may(REPLY));
        assertEquals(5 * rungs + 1, w.steps().size());
    }
}
