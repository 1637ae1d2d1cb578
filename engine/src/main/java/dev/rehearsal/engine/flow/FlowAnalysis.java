package dev.rehearsal.engine.flow;

import dev.rehearsal.engine.workflow.Branch;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.BitSet;
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
 * (7 bits plus the workflow's tags and fields), so a worklist reaches the fixpoint after at most
 * that many updates per step: linear in steps + transitions for a fixed vocabulary.
 */
public final class FlowAnalysis {
    private FlowAnalysis() {
    }

    public static FlowFacts of(Workflow workflow) {
        FlowGraph g = new FlowGraph(workflow);
        Vocabulary names = new Vocabulary(workflow);
        int n = g.n;
        int[] bits = new int[n];
        BitSet[] tags = new BitSet[n], fields = new BitSet[n];
        boolean[] reached = new boolean[n];
        boolean[] enabled = new boolean[g.edges()];
        if (g.start < 0) return new FlowFacts(g, names, reached, bits, tags, fields, enabled);
        int[] queue = new int[n];
        boolean[] queued = new boolean[n];
        int head = 0, size = 0;
        reached[g.start] = true;
        tags[g.start] = new BitSet();
        fields[g.start] = new BitSet();
        queue[size++] = g.start;
        queued[g.start] = true;
        while (size > 0) {
            int v = queue[head];
            head = (head + 1) % n;
            size--;
            queued[v] = false;
            Step s = g.steps[v];
            ContactFacts in = new ContactFacts(bits[v], tags[v], fields[v], names);
            BitSet outTags = tags[v], outFields = fields[v];
            switch (s.type()) {
                case ADD_TAG -> outTags = with(outTags, names.tag(s.text("tag")));
                case UPDATE_CONTACT -> {
                    outFields = (BitSet) outFields.clone();
                    for (var it = s.config().path("fields").fieldNames(); it.hasNext(); ) outFields.set(names.field(it.next()));
                }
                default -> { }
            }
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                if (!takeable(g, s, e, in)) continue;
                enabled[e] = true;
                int out = transfer(s, g.kind[e], bits[v]);
                int w = g.target[e];
                boolean changed = false;
                if (!reached[w]) {
                    reached[w] = true;
                    tags[w] = new BitSet();
                    fields[w] = new BitSet();
                    changed = true;
                }
                if ((bits[w] | out) != bits[w]) {
                    bits[w] |= out;
                    changed = true;
                }
                changed |= union(tags[w], outTags);
                changed |= union(fields[w], outFields);
                if (changed && !queued[w]) {
                    queued[w] = true;
                    queue[(head + size) % n] = w;
                    size++;
                }
            }
        }
        return new FlowFacts(g, names, reached, bits, tags, fields, enabled);
    }

    private static BitSet with(BitSet set, int bit) {
        if (bit < 0 || set.get(bit)) return set;
        BitSet copy = (BitSet) set.clone();
        copy.set(bit);
        return copy;
    }

    /** Adds {@code from} into {@code into}; true when that changed it. */
    private static boolean union(BitSet into, BitSet from) {
        if (from.isEmpty()) return false;
        int before = into.cardinality();
        into.or(from);
        return into.cardinality() != before;
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
            case FlowGraph.DEFAULT -> s.branches().stream().allMatch(b -> ConditionReasoner.canFail(b.when(), in));
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
