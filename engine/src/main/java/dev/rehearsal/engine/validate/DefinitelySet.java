package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.DeclaredFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Trigger;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Contact fields the workflow itself has set on every path that reaches a step: by update_contact,
 * by a wait that saves the reply (on its on_reply edge only), by an external call's outputs (on its
 * success edge only), by the trigger's inputs and opening message. A message reading such a field
 * cannot render a gap, so it needs no fallback. A forward "must" analysis: intersection at joins.
 */
final class DefinitelySet {
    private final Map<String, Set<String>> in;

    private DefinitelySet(Map<String, Set<String>> in) {
        this.in = in;
    }

    boolean isSet(String stepId, String field) {
        Set<String> s = in.get(stepId);
        return s != null && s.contains(field);
    }

    static DefinitelySet of(Workflow wf) {
        Map<String, Set<String>> in = new HashMap<>();
        if (wf.step(wf.start()) == null || !setsAnything(wf)) return new DefinitelySet(in);
        Set<String> initial = new HashSet<>(DeclaredFields.inputs(wf).keySet());
        Trigger t = Trigger.of(wf);
        if (t.inbound()) initial.add(t.saveTo());
        in.put(wf.start(), initial);
        Deque<String> work = new ArrayDeque<>();
        work.add(wf.start());
        while (!work.isEmpty()) {
            Step s = wf.step(work.poll());
            Set<String> here = in.get(s.id());
            for (Transition e : s.transitions()) {
                if (wf.step(e.to()) == null) continue;
                Set<String> gen = gen(s, e.label());
                Set<String> out = here;
                if (!gen.isEmpty() && !here.containsAll(gen)) {
                    out = new HashSet<>(here);
                    out.addAll(gen);
                }
                Set<String> old = in.get(e.to());
                if (old == null) {
                    in.put(e.to(), out);
                    work.add(e.to());
                } else if (!out.containsAll(old)) {
                    Set<String> meet = new HashSet<>(old);
                    meet.retainAll(out);
                    in.put(e.to(), meet);
                    work.add(e.to());
                }
            }
        }
        return new DefinitelySet(in);
    }

    private static boolean setsAnything(Workflow wf) {
        if (!DeclaredFields.inputs(wf).isEmpty() || Trigger.of(wf).inbound()) return true;
        for (Step s : wf.steps()) {
            if (s.type() == StepType.UPDATE_CONTACT || s.type() == StepType.EXTERNAL_CALL
                    || s.type() == StepType.WAIT_FOR_REPLY && s.text("save_reply_to") != null) return true;
        }
        return false;
    }

    private static Set<String> gen(Step s, String label) {
        Set<String> out = new HashSet<>();
        switch (s.type()) {
            case UPDATE_CONTACT -> s.config().path("fields").fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) out.add(bare(f.getKey()));
            });
            case EXTERNAL_CALL -> {
                if (label.equals("next")) {
                    for (Iterator<String> it = s.config().path("outputs").fieldNames(); it.hasNext(); ) out.add(it.next());
                }
            }
            case WAIT_FOR_REPLY -> {
                if (label.equals("on_reply") && s.text("save_reply_to") != null) out.add(s.text("save_reply_to"));
            }
            default -> {
                return Collections.emptySet();
            }
        }
        return out;
    }

    private static String bare(String f) {
        String l = f.toLowerCase(Locale.ROOT);
        return l.startsWith("contact.") ? l.substring(8) : l;
    }
}
