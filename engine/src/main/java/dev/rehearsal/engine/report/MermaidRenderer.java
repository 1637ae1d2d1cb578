package dev.rehearsal.engine.report;

import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The workflow graph with coverage as a Mermaid flowchart, for pull requests and docs: taken transitions solid
 * and green with how often the personas took them, transitions no persona took dashed and red. Nodes get
 * generated ids ({@code s0}, {@code s1}, ...) because step ids such as {@code end} are Mermaid keywords.
 */
public final class MermaidRenderer {
    private MermaidRenderer() {
    }

    public static String render(Report r, Workflow wf) {
        Map<String, Integer> taken = new HashMap<>();
        for (Report.PersonaResult p : r.personas()) {
            for (Interaction i : p.transcript()) {
                if (i.transition() != null && i.next() != null) taken.merge(new Transition(i.stepId(), i.transition(), i.next()).key(), 1, Integer::sum);
            }
        }
        Set<String> uncovered = new HashSet<>(r.coverage().uncovered());
        Map<String, String> ids = new HashMap<>();
        StringBuilder b = new StringBuilder("flowchart TD\n");
        for (Step s : wf.steps()) {
            if (ids.containsKey(s.id())) continue;
            String id = "s" + ids.size();
            ids.put(s.id(), id);
            String label = quote(s.id()) + "<br/><small>" + quote(s.type().wireName().replace('_', ' ')) + "</small>";
            b.append("  ").append(id).append(shape(s.type(), label)).append(":::t_").append(s.type().wireName()).append('\n');
        }
        List<String> covered = new ArrayList<>(), untaken = new ArrayList<>();
        int index = 0;
        for (Step s : wf.steps()) {
            for (Transition t : s.transitions()) {
                String from = ids.get(t.from()), to = ids.get(t.to());
                if (from == null || to == null) continue;
                int n = taken.getOrDefault(t.key(), 0);
                boolean notTaken = n == 0 || uncovered.contains(t.key());
                String name = t.label().equals("next") ? "" : t.label().startsWith("branch:") ? t.label().substring(7) : t.label().replace('_', ' ');
                String text = notTaken ? name : (name.isEmpty() ? "" : name + " ") + "\u00d7" + n;
                b.append("  ").append(from).append(notTaken ? " -.->" : " -->");
                if (!text.isEmpty()) b.append("|\"").append(quote(text)).append("\"|");
                b.append(' ').append(to).append('\n');
                (notTaken ? untaken : covered).add(String.valueOf(index++));
            }
        }
        if (!covered.isEmpty()) b.append("  linkStyle ").append(String.join(",", covered)).append(" stroke:#1a7f37,stroke-width:2px\n");
        if (!untaken.isEmpty()) b.append("  linkStyle ").append(String.join(",", untaken)).append(" stroke:#b3261e,stroke-width:2px\n");
        b.append("  classDef t_send_sms fill:#e7f0ff,stroke:#0b5cad\n")
                .append("  classDef t_send_email fill:#eef7ee,stroke:#1a7f37\n")
                .append("  classDef t_wait_for_reply fill:#fff8e6,stroke:#9a5b00\n")
                .append("  classDef t_delay fill:#fff8e6,stroke:#9a5b00\n")
                .append("  classDef t_condition fill:#f5eefc,stroke:#6f2dbd\n")
                .append("  classDef t_goal fill:#dff5e3,stroke:#1a7f37,stroke-width:2px\n")
                .append("  classDef t_end fill:#eef0f2,stroke:#57606a\n");
        return b.toString();
    }

    private static String shape(StepType type, String label) {
        return switch (type) {
            case CONDITION -> "{\"" + label + "\"}";
            case WAIT_FOR_REPLY, DELAY -> "([\"" + label + "\"])";
            case GOAL, END -> "((\"" + label + "\"))";
            case SEND_SMS, SEND_EMAIL, ADD_TAG, REMOVE_TAG, UPDATE_CONTACT, NOTIFY_TEAM -> "[\"" + label + "\"]";
            case EXTERNAL_CALL -> "[[\"" + label + "\"]]";
            case PLACEHOLDER -> "[/\"" + label + "\"/]";
        };
    }

    /**
     * Label text that Mermaid can neither misparse nor read as HTML. Its entity codes (#quot;) are not decoded
     * by every renderer (Mermaid 12's render() shows them raw), so look-alikes stand in for the few characters
     * that would end a label, start markup or an entity.
     */
    static String quote(String s) {
        return s.replace('"', '\'').replace('`', '\'').replace('<', '\u2039').replace('>', '\u203a').replace('#', '\uff03');
    }
}
