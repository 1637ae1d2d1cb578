package dev.rehearsal.engine.hunt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rehearsal.engine.flow.FlowFacts;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.report.SimulationFindings;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.sim.Simulator;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.workflow.Condition;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Transition;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Branch hunting: for transitions the persona walks did not take and the data-flow pass did not
 * prove dead, a best-first search over scripted leads. Each node is a saved simulator state at a
 * message (a choice point); expanding it copies the state once per choice on the menu and runs
 * the simulator to the next choice point, so a walk's prefix is never replayed. Nodes nearest (in
 * takeable transitions) to a remaining target go first. Trigger data that conditions test but the
 * simulation never fills (a field no step sets) is a choice at the start: one root per value compared.
 */
public final class BranchHunter {
    /** Simulator steps one hunt may execute in all. */
    public static final int DEFAULT_BUDGET = 20_000;
    static final String SCRIPTED_ID = "scripted-lead";

    private final Workflow wf;
    private final FlowFacts facts;
    private final SimulationOptions options;
    private final int budget;
    private final ChoiceMenu menu;
    private final ScriptedLead lead = new ScriptedLead();
    private final Set<String> remaining;
    private final Map<String, Witness> witnesses = new LinkedHashMap<>();
    private final List<Issue> findings = new ArrayList<>();
    private final Set<String> findingKeys = new HashSet<>();
    private int steps;
    private long seq;
    private int[] distance;
    private boolean distancesStale = true;

    private BranchHunter(Workflow wf, FlowFacts facts, SimulationOptions options, Set<String> targets, int budget) {
        this.wf = wf;
        this.facts = facts;
        this.options = options;
        this.budget = budget;
        this.menu = new ChoiceMenu(wf);
        this.remaining = new LinkedHashSet<>(targets);
    }

    /**
     * Hunts witnesses for {@code targets} (transition keys). {@code base} gives the scripted lead its
     * contact record and time zone; {@code known} are findings already reported, which witnesses do not repeat.
     */
    public static HuntResult hunt(Workflow wf, FlowFacts facts, Persona base, SimulationOptions options, Set<String> targets,
                                  int budget, List<Issue> known) {
        BranchHunter h = new BranchHunter(wf, facts, options, targets, budget);
        for (Issue i : known) h.findingKeys.add(i.type() + "@" + i.stepId());
        h.search(base);
        return new HuntResult(h.witnesses, Set.copyOf(h.remaining), budget, h.steps, List.copyOf(h.findings));
    }

    private final class Node {
        final Persona persona;
        final SimulationSession session;
        final List<String> script;
        final List<Interaction> transcript;
        final long order = seq++;
        int priority;

        Node(Persona persona, SimulationSession session, List<String> script, List<Interaction> transcript) {
            this.persona = persona;
            this.session = session;
            this.script = script;
            this.transcript = transcript;
        }

        Node child(String choice) {
            List<String> sc = new ArrayList<>(script);
            sc.add(choice);
            return new Node(persona, SessionCopier.copy(session), sc, new ArrayList<>(transcript));
        }
    }

    private void search(Persona walked) {
        Persona base = new Persona(SCRIPTED_ID, "Scripted lead", "A lead whose every move is forced by the branch hunt",
                walked.personality(), walked.demographics(), walked.behaviorTraits(), walked.contact(), false);
        PriorityQueue<Node> open = new PriorityQueue<>(Comparator.<Node>comparingInt(n -> n.priority)
                .thenComparingInt(n -> n.script.size()).thenComparingLong(n -> n.order));
        for (Persona p : roots(base)) {
            Node root = new Node(p, Simulator.start(wf, p, options), new ArrayList<>(), new ArrayList<>());
            if (!p.contact().equals(base.contact())) root.script.add("starts with contact fields " + diff(base, p));
            advance(root);
            push(open, root);
        }
        while (!open.isEmpty() && !remaining.isEmpty() && steps < budget) {
            Node n = open.poll();
            Step step = wf.step(n.session.stepId);
            List<Choice> choices = menu.forChannel(step.type() == StepType.SEND_SMS);
            for (Choice c : choices) {
                if (remaining.isEmpty() || steps >= budget) break;
                Node child = n.child("at '" + step.id() + "': " + c.label());
                lead.answerNextWith(c);
                record(child, Simulator.step(wf, child.persona, child.session, lead, options));
                advance(child);
                push(open, child);
            }
        }
    }

    private void push(PriorityQueue<Node> open, Node n) {
        if (n.session.done() || remaining.isEmpty()) return;
        n.priority = distanceFrom(n.session.stepId);
        if (n.priority == Integer.MAX_VALUE) return; // no remaining target reachable from here
        open.add(n);
    }

    /** Runs the steps that need no choice (everything but a message the lead can still react to). */
    private void advance(Node n) {
        while (!n.session.done() && !atChoice(n.session) && steps < budget) {
            record(n, Simulator.step(wf, n.persona, n.session, lead, options));
        }
    }

    private boolean atChoice(SimulationSession s) {
        Step step = wf.step(s.stepId);
        if (step == null || !step.type().sendsMessage()) return false;
        boolean sms = step.type() == StepType.SEND_SMS;
        return !(sms ? s.contact.smsOptedOut(s.clock) : s.contact.emailUnsubscribed(s.clock));
    }

    private void record(Node n, Interaction i) {
        steps++;
        n.transcript.add(i);
        if (i.transition() == null || i.next() == null) return;
        String key = new Transition(i.stepId(), i.transition(), i.next()).key();
        if (remaining.remove(key)) {
            distancesStale = true;
            witness(key, n);
        }
    }

    /** Completes the witness's walk with silence, so what its choice leads to shows in the transcript and findings. */
    private void witness(String key, Node n) {
        SimulationSession s = SessionCopier.copy(n.session);
        List<Interaction> walk = new ArrayList<>(n.transcript);
        while (!s.done() && steps < budget) {
            steps++;
            walk.add(Simulator.step(wf, n.persona, s, lead, options));
        }
        witnesses.put(key, new Witness(key, List.copyOf(n.script), List.copyOf(walk)));
        for (Issue i : SimulationFindings.of(wf, List.of(new PersonaRun(n.persona, s, walk)))) {
            if (!i.severity().failsRun() || !findingKeys.add(i.type() + "@" + i.stepId())) continue;
            findings.add(new Issue(i.severity(), i.type(), i.stepId(), i.pointer(),
                    "witnessed by a scripted lead (" + String.join("; ", n.script) + "), not by a simulated persona: " + i.message(),
                    i.suggestion(), SCRIPTED_ID));
        }
    }

    /** Hops from a step to the nearest source of a remaining target, along takeable transitions. */
    private int distanceFrom(String stepId) {
        if (distancesStale) {
            distance = distances();
            distancesStale = false;
        }
        int v = wf.indexOf(stepId);
        return v < 0 ? Integer.MAX_VALUE : distance[v];
    }

    private int[] distances() {
        int n = wf.steps().size();
        List<List<Integer>> preds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) preds.add(new ArrayList<>());
        for (int v = 0; v < n; v++) {
            for (Transition t : wf.steps().get(v).transitions()) {
                int w = wf.indexOf(t.to());
                if (w >= 0 && facts.takeable(t)) preds.get(w).add(v);
            }
        }
        int[] d = new int[n];
        Arrays.fill(d, Integer.MAX_VALUE);
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (String key : remaining) {
            int v = wf.indexOf(key.substring(0, key.indexOf(" -[")));
            if (v >= 0 && d[v] != 0) {
                d[v] = 0;
                q.add(v);
            }
        }
        while (!q.isEmpty()) {
            int v = q.poll();
            for (int u : preds.get(v)) {
                if (d[u] == Integer.MAX_VALUE) {
                    d[u] = d[v] + 1;
                    q.add(u);
                }
            }
        }
        return d;
    }

    /** The base persona, plus one variant per value a field condition compares against (trigger data). */
    private List<Persona> roots(Persona base) {
        List<Persona> out = new ArrayList<>();
        out.add(base);
        Map<String, Set<String>> values = new LinkedHashMap<>();
        for (Step s : wf.steps()) for (var b : s.branches()) fieldValues(b.when(), values);
        for (var e : values.entrySet()) {
            for (String value : e.getValue()) {
                Map<String, String> contact = new HashMap<>(base.contact());
                if (value == null) contact.remove(e.getKey());
                else contact.put(e.getKey(), value);
                if (contact.equals(base.contact())) continue;
                out.add(new Persona(base.id(), base.name(), base.description(), base.personality(), base.demographics(),
                        base.behaviorTraits(), contact, base.builtIn()));
            }
        }
        return out;
    }

    private static void fieldValues(Condition c, Map<String, Set<String>> out) {
        if (c instanceof Condition.Field f) {
            String name = f.name().startsWith("contact.") ? f.name().substring(8) : f.name();
            Set<String> vs = out.computeIfAbsent(name, k -> new LinkedHashSet<>());
            JsonNode eq = f.equals();
            if (eq != null && !eq.isNull()) vs.add(eq.asText());
            if (f.exists() != null) vs.add(f.exists() ? "scripted value" : null);
        } else if (c instanceof Condition.All a) {
            a.all().forEach(x -> fieldValues(x, out));
        } else if (c instanceof Condition.Any a) {
            a.any().forEach(x -> fieldValues(x, out));
        } else if (c instanceof Condition.Not n) {
            fieldValues(n.not(), out);
        }
    }

    private static String diff(Persona base, Persona p) {
        List<String> parts = new ArrayList<>();
        for (var e : p.contact().entrySet()) {
            if (!e.getValue().equals(base.contact().get(e.getKey()))) parts.add(e.getKey() + "=\"" + e.getValue() + "\"");
        }
        for (String k : base.contact().keySet()) if (!p.contact().containsKey(k)) parts.add(k + " empty");
        return String.join(", ", parts);
    }
}
