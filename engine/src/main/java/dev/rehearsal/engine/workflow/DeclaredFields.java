package dev.rehearsal.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Contact fields a workflow fills besides update_contact: data its trigger supplies ("inputs"),
 * replies a wait saves, what external calls return, and an inbound trigger's opening message.
 * Merge fields and conditions may read them.
 */
public final class DeclaredFields {
    private DeclaredFields() {
    }

    /** The workflow's declared inputs, by field name (each with optional values/example). */
    public static Map<String, JsonNode> inputs(Workflow wf) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (wf.source() == null) return out;
        wf.source().path("inputs").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Fields holding what the lead wrote: saved replies and an inbound trigger's opening message. */
    public static Set<String> replyFields(Workflow wf) {
        Set<String> out = new TreeSet<>();
        Trigger t = Trigger.of(wf);
        if (t.inbound()) out.add(t.saveTo());
        for (Step s : wf.steps()) {
            if (s.type() == StepType.WAIT_FOR_REPLY && s.text("save_reply_to") != null) out.add(s.text("save_reply_to"));
        }
        return out;
    }

    /** Fields set while the workflow runs: saved replies, call outputs, the opening message. */
    public static Set<String> setByRun(Workflow wf) {
        Set<String> out = new TreeSet<>();
        Trigger t = Trigger.of(wf);
        if (t.inbound()) out.add(t.saveTo());
        for (Step s : wf.steps()) {
            if (s.type() == StepType.WAIT_FOR_REPLY && s.text("save_reply_to") != null) out.add(s.text("save_reply_to"));
            if (s.type() == StepType.EXTERNAL_CALL) {
                for (Iterator<String> it = s.config().path("outputs").fieldNames(); it.hasNext(); ) out.add(it.next());
            }
        }
        return out;
    }
}
