package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.workflow.Branch;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.Iterator;
import java.util.List;

import static dev.rehearsal.engine.flow.ContactFacts.EMAIL_ENGAGED;
import static dev.rehearsal.engine.flow.ContactFacts.EMAIL_UNSUBSCRIBED;
import static dev.rehearsal.engine.flow.ContactFacts.REPLY;
import static dev.rehearsal.engine.flow.ContactFacts.REPLY_TAKEN;
import static dev.rehearsal.engine.flow.ContactFacts.SENT_EMAIL;
import static dev.rehearsal.engine.flow.ContactFacts.SENT_SMS;
import static dev.rehearsal.engine.flow.ContactFacts.SMS_OPTED_OUT;

/**
 * The forward "may" data-flow pass: from the start step, what the contact may have done on some
 * path to each step, propagated only along edges that can be taken given those facts (so a branch
 * no path can make true passes nothing on). Facts only grow and each has a fixed number of values
 * (7 bits plus the workflow's tags and fields), so the fixpoint comes after at most that many
 * updates per step. Steps are visited in reverse postorder, round-robin: an acyclic workflow is
 * done in one sweep, and each loop costs a few more. Tags and fields are bit words in flat arrays,
 * so the pass allocates nothing per step.
 */
public final class FlowAnalysis {
    private FlowAnalysis() {
    }

    public static FlowFacts of(Workflow workflow) {
        FlowGraph g = new FlowGraph(workflow);
        Vocabulary names = new Vocabulary(workflow);
        if (g.start < 0) return may(g, names, new int[g.n]);
        // May-facts first, then what holds on every path along the transitions found takeable, then the
        // may-facts again using both (must-facts from more paths are weaker, so this stays sound).
        FlowFacts first = may(g, names, new int[g.n]);
        int[] must = must(g, first.enabled, first.reachedSteps());
        for (int m : must) if (m != 0) return may(g, names, must);
        return first; // no must-fact anywhere: the second pass would find the same
    }

    /**
     * The "must" pass: {@link ContactFacts#REPLIED_ON_EVERY_PATH} where every path from start took a
     * reply at some wait's on_reply (replies stay visible to reply tests afterwards). Intersection at
     * joins over the given takeable transitions; round-robin in reverse postorder.
     */
    private static int[] must(FlowGraph g, boolean[] enabled, boolean[] reached) {
        int n = g.n;
        int[] must = new int[n];
        for (int v = 0; v < n; v++) must[v] = reached[v] ? ContactFacts.REPLIED_ON_EVERY_PATH : 0;
        must[g.start] = dev.rehearsal.engine.workflow.Trigger.of(g.workflow).inbound() ? ContactFacts.REPLIED_ON_EVERY_PATH : 0;
        int[] order = reversePostorder(g);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int v : order) {
                for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                    if (!enabled[e]) continue;
                    int out = must[v] | (g.kind[e] == FlowGraph.ON_REPLY ? ContactFacts.REPLIED_ON_EVERY_PATH : 0);
                    int w = g.target[e];
                    if ((must[w] & out) != must[w]) {
                        must[w] &= out;
                        changed = true;
                    }
                }
            }
        }
        return must;
    }

    private static FlowFacts may(FlowGraph g, Vocabulary names, int[] must) {
        int n = g.n, tw = names.tagWords(), fw = names.fieldWords();
        int[] bits = new int[n];
        long[] tags = new long[n * tw], fields = new long[n * fw];
        long[] outTags = new long[tw], outFields = new long[fw];
        boolean[] reached = new boolean[n];
        boolean[] enabled = new boolean[g.edges()];
        if (g.start < 0) return new FlowFacts(g, names, reached, bits, must, tags, fields, enabled);
        int[] order = reversePostorder(g);
        int[] position = new int[n];
        java.util.Arrays.fill(position, -1);
        for (int i = 0; i < order.length; i++) position[order[i]] = i;
        boolean[] dirty = new boolean[order.length];
        reached[g.start] = true;
        // A flow the lead starts by texting in (an inbound trigger) begins with that message taken.
        if (dev.rehearsal.engine.workflow.Trigger.of(g.workflow).inbound()) bits[g.start] |= REPLY | REPLY_TAKEN;
        dirty[position[g.start]] = true;
        int cursor = position[g.start];
        while (cursor < order.length) {
            if (!dirty[cursor]) {
                cursor++;
                continue;
            }
            dirty[cursor] = false;
            int v = order[cursor];
            int restart = order.length;
            Step s = g.steps[v];
            ContactFacts in = new ContactFacts(bits[v] | must[v], tags, v * tw, fields, v * fw, names);
            System.arraycopy(tags, v * tw, outTags, 0, tw);
            System.arraycopy(fields, v * fw, outFields, 0, fw);
            if (s.type() == StepType.ADD_TAG) set(outTags, names.tag(s.text("tag")));
            if (s.type() == StepType.UPDATE_CONTACT) {
                for (Iterator<String> it = s.config().path("fields").fieldNames(); it.hasNext(); ) set(outFields, names.field(it.next()));
            }
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                if (!takeable(g, s, e, in)) continue;
                enabled[e] = true;
                int out = transfer(s, g.kind[e], bits[v]);
                int w = g.target[e];
                boolean changed = !reached[w];
                reached[w] = true;
                if ((bits[w] | out) != bits[w]) {
                    bits[w] |= out;
                    changed = true;
                }
                changed |= union(tags, w * tw, outTags);
                changed |= union(fields, w * fw, outFields);
                if (changed) {
                    int p = position[w];
                    dirty[p] = true;
                    if (p <= cursor) restart = Math.min(restart, p); // a back edge: sweep again from there
                }
            }
            cursor = restart < order.length ? restart : cursor + 1;
        }
        return new FlowFacts(g, names, reached, bits, must, tags, fields, enabled);
    }

    /** Steps reachable from start in reverse postorder of a depth-first search (iterative). */
    private static int[] reversePostorder(FlowGraph g) {
        int n = g.n;
        int[] post = new int[n];
        int count = 0;
        boolean[] seen = new boolean[n];
        int[] stack = new int[n], cursor = new int[n];
        int sp = 0;
        stack[sp++] = g.start;
        seen[g.start] = true;
        cursor[g.start] = g.offsets[g.start];
        while (sp > 0) {
            int v = stack[sp - 1];
            if (cursor[v] < g.offsets[v + 1]) {
                int w = g.target[cursor[v]++];
                if (!seen[w]) {
                    seen[w] = true;
                    cursor[w] = g.offsets[w];
                    stack[sp++] = w;
                }
                continue;
            }
            sp--;
            post[count++] = v;
        }
        int[] order = new int[count];
        for (int i = 0; i < count; i++) order[i] = post[count - 1 - i];
        return order;
    }

    private static void set(long[] words, int bit) {
        if (bit >= 0) words[bit >> 6] |= 1L << bit;
    }

    /** ORs {@code from} into {@code into[offset..]}; true when that changed it. */
    private static boolean union(long[] into, int offset, long[] from) {
        boolean changed = false;
        for (int i = 0; i < from.length; i++) {
            long before = into[offset + i], after = before | from[i];
            if (after != before) {
                into[offset + i] = after;
                changed = true;
            }
        }
        return changed;
    }

    /** Whether edge {@code e} of step {@code s} can be taken by some contact with facts {@code in}. */
    static boolean takeable(FlowGraph g, Step s, int e, ContactFacts in) {
        return switch (g.kind[e]) {
            case FlowGraph.ON_REPLY -> in.may(channelBits(s.text("channel")));
            case FlowGraph.BRANCH -> {
                int i = g.branch[e];
                List<Branch> bs = s.branches();
                if (!ConditionReasoner.canHold(bs.get(i).when(), in)) yield false;
                for (int j = 0; j < i; j++) if (!ConditionReasoner.canFail(bs.get(j).when(), in)) yield false;
                yield true;
            }
            case FlowGraph.DEFAULT -> {
                for (Branch b : s.branches()) if (!ConditionReasoner.canFail(b.when(), in)) yield false;
                yield true;
            }
            default -> true;
        };
    }

    /** The SENT bits a wait on this channel ("sms", "email", "any" or absent) listens to. */
    static int channelBits(String channel) {
        if ("sms".equals(channel)) return SENT_SMS;
        if ("email".equals(channel)) return SENT_EMAIL;
        return SENT_SMS | SENT_EMAIL;
    }

    /** The facts after leaving a step of this type along an edge of this kind. */
    private static int transfer(Step s, int kind, int in) {
        return switch (s.type()) {
            case SEND_SMS -> in | SENT_SMS;
            case SEND_EMAIL -> (in | SENT_EMAIL) & ~EMAIL_ENGAGED;
            case DELAY -> in | timePasses(in);
            case WAIT_FOR_REPLY -> {
                int out = in | timePasses(in);
                if (kind == FlowGraph.ON_REPLY) yield out | REPLY | REPLY_TAKEN;
                // On timeout, every reply on the wait's channel that had arrived was taken as on_reply,
                // so only replies an earlier wait took (or, for a one-channel wait, the other channel's) remain.
                int other = (SENT_SMS | SENT_EMAIL) & ~channelBits(s.text("channel"));
                boolean visible = (in & REPLY_TAKEN) != 0 || ((in & other) != 0) || (other != 0 && (in & REPLY) != 0);
                yield visible ? out : out & ~REPLY;
            }
            default -> in;
        };
    }

    /** What waiting adds: replies, opt-outs and email engagement to the messages already sent. */
    private static int timePasses(int in) {
        int out = 0;
        if ((in & (SENT_SMS | SENT_EMAIL)) != 0) out |= REPLY;
        if ((in & SENT_SMS) != 0) out |= SMS_OPTED_OUT;
        if ((in & SENT_EMAIL) != 0) out |= EMAIL_UNSUBSCRIBED | EMAIL_ENGAGED;
        return out;
    }
}
