package dev.rehearsal.engine.validate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.engine.workflow.WorkflowSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.rehearsal.engine.validate.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class StructuralValidatorTest {
    private final StructuralValidator v = new StructuralValidator();

    private static final String SMS = "{\"id\": \"%s\", \"type\": \"send_sms\", \"config\": {\"body\": \"Hi. Reply STOP to opt out.\"}, \"next\": \"%s\"}";
    private static final String DELAY = "{\"id\": \"%s\", \"type\": \"delay\", \"config\": {\"duration\": \"1d\"}, \"next\": \"%s\"}";
    private static final String TAG = "{\"id\": \"%s\", \"type\": \"add_tag\", \"config\": {\"tag\": \"t\"}, \"next\": \"%s\"}";
    private static final String END = "{\"id\": \"%s\", \"type\": \"end\"}";

    private static String sms(String id, String next) { return SMS.formatted(id, next); }
    private static String delay(String id, String next) { return DELAY.formatted(id, next); }
    private static String tag(String id, String next) { return TAG.formatted(id, next); }
    private static String end(String id) { return END.formatted(id); }

    @Test
    void cleanLinearWorkflowHasNoStructuralIssues() {
        Workflow w = workflow("a", String.join(",", sms("a", "d"), delay("d", "z"), end("z")));
        assertEquals(List.of(), v.validate(w));
    }

    @Test
    void orphanStepIsAWarningWithItsPointer() {
        Workflow w = workflow("a", String.join(",", sms("a", "z"), tag("lost", "z"), end("z")));
        List<Issue> orphans = ofType(v.validate(w), "orphan_step");
        assertEquals(1, orphans.size());
        Issue i = orphans.get(0);
        assertEquals(Severity.WARNING, i.severity());
        assertEquals("lost", i.stepId());
        assertEquals("/steps/1", i.pointer());
        assertTrue(i.message().contains("'lost'"));
    }

    @Test
    void unreachableGoalIsAnErrorReachableGoalIsNot() {
        String goal = "{\"id\": \"won\", \"type\": \"goal\", \"config\": {\"goal\": \"booked\"}}";
        Workflow unreachable = workflow("a", String.join(",", sms("a", "z"), goal, end("z")));
        List<Issue> issues = v.validate(unreachable);
        assertEquals(Severity.ERROR, ofType(issues, "unreachable_goal").get(0).severity());
        assertTrue(ofType(issues, "orphan_step").isEmpty(), "a goal is reported once, as unreachable_goal");

        Workflow reachable = workflow("a", String.join(",", sms("a", "won"), goal));
        assertTrue(ofType(v.validate(reachable), "unreachable_goal").isEmpty());
    }

    @Test
    void closedLoopIsAnInfiniteLoopNamingItsSteps() {
        Workflow w = workflow("a", String.join(",", sms("a", "b"), delay("b", "c"), tag("c", "b")));
        List<Issue> loops = ofType(v.validate(w), "infinite_loop");
        assertEquals(1, loops.size(), loops::toString);
        assertEquals(Severity.ERROR, loops.get(0).severity());
        assertEquals("b", loops.get(0).stepId());
        assertTrue(loops.get(0).message().contains("'b', 'c'"), loops.get(0).message());
    }

    @Test
    void selfLoopWithoutExitIsAnInfiniteLoop() {
        String spin = "{\"id\": \"spin\", \"type\": \"wait_for_reply\", \"config\": {\"timeout\": \"1d\"}, \"on_reply\": \"spin\"}";
        Workflow w = workflow("a", String.join(",", sms("a", "spin"), spin));
        assertEquals(List.of("spin"), ofType(v.validate(w), "infinite_loop").stream().map(Issue::stepId).toList());
    }

    @Test
    void pacedLoopWithAnExitIsFine() {
        String wait = "{\"id\": \"w\", \"type\": \"wait_for_reply\", \"config\": {\"timeout\": \"2d\"}, \"on_reply\": \"z\", \"on_timeout\": \"a\"}";
        Workflow w = workflow("a", String.join(",", sms("a", "w"), wait, end("z")));
        List<Issue> issues = v.validate(w);
        assertTrue(ofType(issues, "infinite_loop").isEmpty(), issues::toString);
        assertTrue(ofType(issues, "tight_loop").isEmpty(), issues::toString);
    }

    @Test
    void loopWithExitButNoDelayIsATightLoop() {
        String cond = "{\"id\": \"c\", \"type\": \"condition\", \"branches\": [{\"when\": {\"has_tag\": \"vip\"}, \"next\": \"z\"}], \"default\": \"a\"}";
        Workflow w = workflow("a", String.join(",", sms("a", "c"), cond, end("z")));
        List<Issue> tight = ofType(v.validate(w), "tight_loop");
        assertEquals(1, tight.size());
        assertEquals(Severity.WARNING, tight.get(0).severity());
        assertTrue(tight.get(0).message().contains("spammed"), tight.get(0).message());
    }

    @Test
    void conditionWithNoBranchesAndNoDefaultIsADeadEnd() {
        String cond = "{\"id\": \"c\", \"type\": \"condition\", \"branches\": []}";
        Workflow w = workflow("a", String.join(",", sms("a", "c"), cond));
        List<Issue> dead = ofType(v.validate(w), "dead_end");
        assertEquals(List.of("c"), dead.stream().map(Issue::stepId).toList());
        assertEquals(Severity.ERROR, dead.get(0).severity());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void conditionWithoutDefaultWarnsOnlyWhenDefaultMissing(boolean withDefault) {
        String cond = "{\"id\": \"c\", \"type\": \"condition\", \"branches\": [{\"when\": {\"has_tag\": \"vip\"}, \"next\": \"z\"}]"
                + (withDefault ? ", \"default\": \"z\"" : "") + "}";
        Workflow w = workflow("a", String.join(",", sms("a", "c"), cond, end("z")));
        assertEquals(withDefault ? 0 : 1, ofType(v.validate(w), "condition_without_default").size());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void waitWithoutTimeoutBranchWarnsOnlyWhenMissing(boolean withTimeout) {
        String wait = "{\"id\": \"w\", \"type\": \"wait_for_reply\", \"config\": {\"timeout\": \"2d\"}, \"on_reply\": \"z\""
                + (withTimeout ? ", \"on_timeout\": \"z\"" : "") + "}";
        Workflow w = workflow("a", String.join(",", sms("a", "w"), wait, end("z")));
        List<Issue> issues = ofType(v.validate(w), "wait_without_timeout_branch");
        assertEquals(withTimeout ? 0 : 1, issues.size());
        if (!withTimeout) assertEquals("/steps/1", issues.get(0).pointer());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void replyConditionBeforeAnyMessage(boolean messageFirst) {
        String cond = "{\"id\": \"c\", \"type\": \"condition\", \"branches\": [{\"label\": \"yes\", \"when\": {\"reply_intent\": [\"interested\"]}, \"next\": \"z\"}], \"default\": \"z\"}";
        Workflow w = messageFirst
                ? workflow("a", String.join(",", sms("a", "c"), cond, end("z")))
                : workflow("t", String.join(",", tag("t", "c"), cond, end("z")));
        assertEquals(messageFirst ? 0 : 1, ofType(v.validate(w), "condition_before_any_message").size());
    }

    @Test
    void tagConditionBeforeAnyMessageIsFine() {
        String cond = "{\"id\": \"c\", \"type\": \"condition\", \"branches\": [{\"when\": {\"has_tag\": \"vip\"}, \"next\": \"z\"}], \"default\": \"z\"}";
        Workflow w = workflow("c", String.join(",", cond, end("z")));
        assertTrue(ofType(v.validate(w), "condition_before_any_message").isEmpty());
    }

    /** Built directly, not parsed: schema-checking 100k steps would only slow the test down. */
    private static Workflow bigChain(int n, boolean closed) {
        List<Step> steps = new ArrayList<>();
        ObjectNode tagConfig = JsonNodeFactory.instance.objectNode().put("tag", "t");
        for (int i = 0; i < n; i++) {
            steps.add(new Step("s" + i, StepType.ADD_TAG, null, tagConfig, "s" + (i + 1), null, null, null, null));
        }
        steps.add(closed ? new Step("s" + n, StepType.ADD_TAG, null, tagConfig, "s0", null, null, null, null)
                : new Step("s" + n, StepType.END, null, null, null, null, null, null, null));
        return new Workflow("big", "Big", "s0", WorkflowSettings.defaults(), steps, null);
    }

    @Test
    void hundredThousandStepChainDoesNotOverflowTheStack() {
        int n = 100_000;
        // closing the chain into one huge loop: Tarjan must walk all of it iteratively
        Workflow w = bigChain(n, true);
        List<Issue> issues = v.validate(w);
        List<Issue> loops = ofType(issues, "infinite_loop");
        assertEquals(1, loops.size());
        assertTrue(loops.get(0).message().contains("and " + (n + 1 - 8) + " more"), loops.get(0).message());
    }

    @Test
    void longOpenChainIsClean() {
        assertEquals(List.of(), v.validate(bigChain(100_000, false)));
    }

    /** condition -> (left | right) -> join, repeated; optionally the last join jumps back to the top. */
    private static Workflow ladder(int rungs, boolean closed, boolean paced) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rungs; i++) {
            String next = i + 1 < rungs ? "c" + (i + 1) : closed ? "c0" : "z";
            b.append("{\"id\": \"c").append(i).append("\", \"type\": \"condition\", \"branches\": [{\"when\": {\"has_tag\": \"x\"}, \"next\": \"l")
                    .append(i).append("\"}], \"default\": \"r").append(i).append("\"},");
            b.append(tag("l" + i, "j" + i)).append(',').append(tag("r" + i, "j" + i)).append(',');
            b.append(paced ? delay("j" + i, next) : tag("j" + i, next)).append(',');
        }
        b.append(end("z"));
        return workflow("c0", b.toString());
    }

    @Test
    void openDiamondLadderHasNoLoops() {
        List<Issue> issues = v.validate(ladder(5_000, false, false));
        assertEquals(List.of(), issues);
    }

    @Test
    void closedDiamondLadderIsOneLoop() {
        List<Issue> loops = ofType(v.validate(ladder(5_000, true, true)), "infinite_loop");
        assertEquals(1, loops.size());
        assertTrue(loops.get(0).message().contains("and " + (4 * 5_000 - 8) + " more"), loops.get(0).message());
    }

    @Test
    void sccFindsEveryComponentOfASmallGraph() {
        // 0 -> 1 -> 2 -> 0 ; 2 -> 3 ; 3 -> 3 ; 4 alone
        int[] offsets = {0, 1, 2, 4, 5, 5};
        int[] targets = {1, 2, 0, 3, 3};
        StronglyConnected s = StronglyConnected.of(5, offsets, targets);
        assertEquals(3, s.count);
        assertEquals(s.component[0], s.component[1]);
        assertEquals(s.component[1], s.component[2]);
        assertNotEquals(s.component[2], s.component[3]);
        assertNotEquals(s.component[3], s.component[4]);
        assertEquals(3, s.size(s.component[0]));
        // reverse topological numbering: the sink {3} is finished before {0,1,2}
        assertTrue(s.component[3] < s.component[0]);
    }
}
