package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.flow.FlowFacts;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.report.ReplyDrops;
import dev.rehearsal.engine.report.SimulationFindings;
import dev.rehearsal.engine.sim.ContactState;
import dev.rehearsal.engine.sim.Interaction;
import dev.rehearsal.engine.sim.ReplyRecord;
import dev.rehearsal.engine.sim.SimulationOptions;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.sim.Simulator;
import dev.rehearsal.engine.validate.Issue;
import dev.rehearsal.engine.validate.Severity;
import dev.rehearsal.engine.workflow.DeclaredFields;
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
 * the simulator to the next choice point, so a walk's prefix is never replayed. Nodes with the fewest
 * choices made plus hops (along takeable transitions) to a remaining target go first; states already
 * searched are not searched again. Trigger data that conditions test but the
 * simulation never fills (a field no step sets) is a choice at the start: one root per value compared.
 */
public final class BranchHunter {
    /** Simulator steps the search for uncovered transitions may execute. */
    public static final int DEFAULT_BUDGET = 20_000;
    /** Simulator steps the defect hunt (risky timings on covered paths) may execute, on top. */
    public static final int DEFECT_BUDGET = 5_000;
    /** Risky choices one defect-hunt script makes at most; the rest of its walk is a silent lead. */
    static final int MAX_DEVIATIONS = 2;
    static final String SCRIPTED_ID = "scripted-lead";

    private final Workflow wf;
    private final FlowFacts facts;
    private final SimulationOptions options;
    private final int budget;
    private final TestedValues values;
    private final ChoiceMenu menu;
    private final int defectBudget = DEFECT_BUDGET;
    private int defectStepsUsed;
    private final ScriptedLead lead = new ScriptedLead();
    private final Set<String> remaining;
    private final Map<String, Witness> witnesses = new LinkedHashMap<>();
    private final List<Issue> findings = new ArrayList<>();
    private final Set<String> findingKeys = new HashSet<>();
    private final Set<String> seen = new HashSet<>();
    private int steps;
    private long seq;
    private int[] distance;
    private boolean distancesStale = true;

    private BranchHunter(Workflow wf, FlowFacts facts, SimulationOptions options, Set<String> targets, int budget) {
        this.wf = wf;
        this.facts = facts;
        this.options = options;
        this.budget = budget;
        this.values = new TestedValues(wf);
        this.menu = new ChoiceMenu(wf, values);
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
        List<Node> roots = roots(base);
        for (Node root : roots) push(open, root);
        while (!open.isEmpty() && !remaining.isEmpty() && steps < budget) {
            Node n = open.poll();
            Step step = wf.step(n.session.stepId);
            for (Choice c : menu.at(step)) {
                if (remaining.isEmpty() || steps >= budget) break;
                push(open, expand(n, step, c));
            }
        }
        huntDefects(roots);
    }

    /**
     * The defect hunt: on paths the walks may well have covered, the timings and outcomes that break
     * workflows (a reply or opt-out just after a wait gave up, an undelivered message, a failed call),
     * fewest deviations from a silent lead first, at most {@link #MAX_DEVIATIONS} per script, within its
     * own budget. A finished script whose walk shows an error (or a dropped reply) is a finding.
     */
    private void huntDefects(List<Node> roots) {
        int stop = steps + defectBudget;
        PriorityQueue<Node> open = new PriorityQueue<>(Comparator.<Node>comparingInt(n -> n.priority)
                .thenComparingInt(n -> n.script.size()).thenComparingLong(n -> n.order));
        for (Node root : roots) {
            root.priority = 0;
            if (root.session.done()) evidence(root.script, root.persona, root.session, root.transcript);
            else open.add(root);
        }
        while (!open.isEmpty() && steps < stop) {
            Node n = open.poll();
            Step step = wf.step(n.session.stepId);
            for (Choice c : menu.riskyAt(step)) {
                boolean deviates = !c.label().equals(Choice.silent().label());
                if (steps >= stop || (deviates && n.priority >= MAX_DEVIATIONS)) continue;
                Node child = expand(n, step, c);
                child.priority = n.priority + (deviates ? 1 : 0);
                if (child.session.done()) evidence(child.script, child.persona, child.session, child.transcript);
                else open.add(child);
            }
        }
        defectStepsUsed = steps;
    }

    private Node expand(Node n, Step step, Choice c) {
        Node child = n.child("at '" + step.id() + "': " + c.label());
        lead.answerNextWith(c);
        record(child, Simulator.step(wf, child.persona, child.session, lead, options));
        lead.clear();
        advance(child);
        return child;
    }

    private void push(PriorityQueue<Node> open, Node n) {
        if (n.session.done() || remaining.isEmpty() || !seen.add(signature(n.session))) return;
        int d = distanceFrom(n.session.stepId);
        if (d == Integer.MAX_VALUE) return; // no remaining target reachable from here
        // A*: choices made so far plus hops still to go, so a loop re-entered with ever more choices
        // does not starve another start (a trigger value) that needs fewer.
        n.priority = d + n.script.size();
        open.add(n);
    }

    /** Runs the steps that need no choice (everything but a message the lead can still react to, or a call). */
    private void advance(Node n) {
        while (!n.session.done() && !atChoice(n.session)) {
            record(n, Simulator.step(wf, n.persona, n.session, lead, options));
        }
    }

    private boolean atChoice(SimulationSession s) {
        Step step = wf.step(s.stepId);
        if (step == null) return false;
        if (step.type() == StepType.EXTERNAL_CALL) return true;
        if (!step.type().sendsMessage()) return false;
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
        while (!s.done()) {
            steps++;
            walk.add(Simulator.step(wf, n.persona, s, lead, options));
        }
        witnesses.put(key, new Witness(key, List.copyOf(n.script), List.copyOf(walk)));
        evidence(n.script, n.persona, s, walk);
    }

    /**
     * A scripted walk's defects: errors the walk shows (a message after opt-out, a dead end, a loop,
     * a marketing text in quiet hours) and a reply it lost, each reported once, with the script as evidence.
     */
    private void evidence(List<String> script, Persona persona, SimulationSession s, List<Interaction> walk) {
        List<PersonaRun> run = List.of(new PersonaRun(persona, s, walk));
        String by = "witnessed by a scripted lead (" + (script.isEmpty() ? "silent throughout" : String.join("; ", script))
                + "), not by a simulated persona: ";
        for (Issue i : SimulationFindings.of(wf, run)) {
            if (!i.severity().failsRun() || !findingKeys.add(i.type() + "@" + i.stepId())) continue;
            findings.add(new Issue(i.severity(), i.type(), i.stepId(), i.pointer(), by + i.message(), i.suggestion(), SCRIPTED_ID));
        }
        for (Issue i : ReplyDrops.of(wf, run)) {
            if (!findingKeys.add(i.type() + "@" + i.stepId())) continue;
            findings.add(new Issue(Severity.WARNING, i.type(), i.stepId(), i.pointer(), by + "the reply arrived after wait_for_reply '"
                    + i.stepId() + "' had timed out (" + wf.step(i.stepId()).text("timeout") + ") and no later step read it: the answer was lost",
                    i.suggestion(), SCRIPTED_ID));
        }
    }

    /**
     * What decides a state's future, so choices that lead to the same one (ten reply intents a wait
     * does not branch on) are searched once: the step, its visits, the contact's fields, tags, goals,
     * opt-outs and engagement, the last reply as conditions read it, and replies still on their way.
     */
    private static String signature(SimulationSession s) {
        ContactState c = s.contact;
        long now = s.clock;
        StringBuilder b = new StringBuilder(s.stepId).append('#').append(s.visits.get(s.stepId)).append(c.fields).append(c.tags)
                .append(c.goals).append(c.smsOptedOut(now)).append(c.emailUnsubscribed(now)).append(c.lastEmailOpened(now))
                .append(c.lastEmailClicked(now));
        ReplyRecord last = c.lastReply(now);
        if (last != null) b.append('|').append(last.intent()).append(last.sentiment()).append(last.text()).append(last.consumed());
        for (ReplyRecord r : c.replies) {
            if (r.arrivesAt() > now || !r.consumed()) b.append('|').append(r.arrivesAt() - now).append(r.intent()).append(r.text());
        }
        if (c.smsOptedOutAt != null && c.smsOptedOutAt > now) b.append("|sms-out@").append(c.smsOptedOutAt - now);
        if (c.emailUnsubscribedAt != null && c.emailUnsubscribedAt > now) b.append("|email-out@").append(c.emailUnsubscribedAt - now);
        if (c.lastEmailClickedAt != null && c.lastEmailClickedAt > now) b.append("|click@").append(c.lastEmailClickedAt - now);
        if (c.lastEmailOpenedAt != null && c.lastEmailOpenedAt > now) b.append("|open@").append(c.lastEmailOpenedAt - now);
        return b.toString();
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

    /**
     * The start of every script: the base persona, plus one variant per value of each piece of data the
     * simulation does not produce (declared inputs, fields only the contact record can carry), each
     * value one the workflow's conditions compare against or the workflow (or suite) declares.
     */
    private List<Node> roots(Persona base) {
        Map<String, List<String>> choices = new LinkedHashMap<>();
        DeclaredFields.inputs(wf).forEach((f, spec) -> choices.put(f, values.of(f, spec)));
        values.contactOnly(wf).forEach(choices::putIfAbsent);
        List<Persona> variants = new ArrayList<>();
        variants.add(base);
        Set<Map<String, String>> seen = new HashSet<>(Set.of(base.contact()));
        for (var e : choices.entrySet()) {
            for (String value : e.getValue()) {
                Map<String, String> contact = new HashMap<>(base.contact());
                if (value == null) contact.remove(e.getKey());
                else contact.put(e.getKey(), value);
                if (!seen.add(contact)) continue;
                variants.add(new Persona(base.id(), base.name(), base.description(), base.personality(), base.demographics(),
                        base.behaviorTraits(), contact, base.builtIn()));
            }
        }
        List<Node> out = new ArrayList<>();
        for (Persona p : variants) {
            Node root = new Node(p, Simulator.start(wf, p, options), new ArrayList<>(), new ArrayList<>());
            if (!p.contact().equals(base.contact())) root.script.add("starts with " + diff(base, p));
            advance(root);
            out.add(root);
        }
        return out;
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
