package dev.rehearsal.engine.sim;

import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.LocalTimeText;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.PersonaResponder;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Situation;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.reading.ReplyClassifier;
import dev.rehearsal.engine.reading.ReplyReading;
import dev.rehearsal.engine.workflow.Branch;
import dev.rehearsal.engine.workflow.Durations;
import dev.rehearsal.engine.workflow.MergeFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes a workflow one step at a time for one persona, on a virtual clock. {@link #step} is
 * what a Lambda runs per state-machine iteration; {@link SimulationRunner} loops it locally.
 *
 * <p>Reply model: when a message is sent the responder decides at once whether and how the lead
 * answers and after how long; the reply "arrives" at send time + latency. Conditions see only
 * replies that have arrived by the clock; a wait_for_reply takes the first unconsumed reply that
 * arrives before its timeout, else advances the clock by the timeout.
 */
public final class Simulator {
    public static final String FLAG_AFTER_OPT_OUT = "sent_after_opt_out";
    public static final String FLAG_QUIET_HOURS = "quiet_hours";
    public static final String FLAG_FREQUENCY = "frequency_cap";
    /** A state's cap on commercial texts per 24 hours (Florida, Oklahoma, Maryland: 3) was exceeded. */
    public static final String FLAG_STATE_FREQUENCY = "state_frequency_cap";
    /** The message answers the contact's own message (docs/VALIDATION.md, "unsolicited"): no quiet-hours or frequency flags. */
    public static final String FLAG_ANSWER = "answers_contact";
    public static final String FLAG_REPLY_IGNORED = "reply_ignored";
    /** A condition took another branch than the lead's meaning would have: the CRM misread the reply. */
    public static final String FLAG_INTENT_MISREAD = "intent_misread";
    /**
     * The session is stored between steps (a DynamoDB item, 400 KB at most), so what it keeps of the
     * conversation is bounded: the last turns, each cut to a length no prompt needs more of.
     */
    static final int MAX_TURNS = 40, MAX_TURN_CHARS = 4000, MAX_REPLIES = 40;
    /** Replies with actions but no text (an unsubscribe click) land a few minutes after the send. */
    private static final long DEFAULT_ACTION_LATENCY_MIN = 5;

    private Simulator() {
    }

    /** A fresh session positioned on the workflow's start step (walk 0). */
    public static SimulationSession start(Workflow wf, Persona persona, SimulationOptions options) {
        return start(wf, persona, options, 0);
    }

    /** A fresh session for walk {@code walk} of the run. */
    public static SimulationSession start(Workflow wf, Persona persona, SimulationOptions options, int walk) {
        SimulationSession s = new SimulationSession();
        s.walk = walk;
        s.workflowId = wf.id();
        s.personaId = persona.id();
        s.persona = persona;
        s.seed = options.seed();
        s.stepId = wf.start();
        s.timezone = persona.timezone() != null ? persona.timezone() : wf.settings().timezone();
        s.clock = options.start().atZone(ZoneId.of(s.timezone)).toInstant().toEpochMilli();
        s.startedAt = s.clock;
        s.contact = ContactState.from(persona.contact());
        ExternalSteps.fillInputs(wf, s);
        return s;
    }

    /**
     * Executes the session's current step, mutating the session, and returns its interaction.
     * Deterministic for the same session, persona, options and responder answers.
     */
    public static Interaction step(Workflow wf, Persona persona, SimulationSession s, PersonaResponder responder,
                                   SimulationOptions options) {
        return step(wf, persona, s, responder, options, ReplyClassifier.rules());
    }

    /** As above, with the reply classifier that reads replies for conditions and opt-outs. */
    public static Interaction step(Workflow wf, Persona persona, SimulationSession s, PersonaResponder responder,
                                   SimulationOptions options, ReplyClassifier classifier) {
        if (s.done()) throw new IllegalStateException("simulation already finished: " + s.endReason);
        int maxSteps = options.maxSteps() != null ? options.maxSteps() : wf.settings().maxSteps();
        Step step = wf.step(s.stepId);
        if (step == null) throw new IllegalStateException("session points at unknown step '" + s.stepId + "'");
        int index = s.stepIndex;
        int visits = s.visits.merge(step.id(), 1, Integer::sum);
        if (visits > options.loopLimit()) {
            return finish(s, step, index, EndReason.LOOP_GUARD,
                    "step visited " + visits + " times; stopped by the runtime loop guard");
        }
        String at = iso(s.clock);
        String local = localTime(s);
        String opened = index == 0 ? ExternalSteps.openConversation(wf, persona, s, responder) : null;
        Exec e = execute(wf, persona, s, step, responder, classifier);
        if (opened != null) e.note = join(opened, e.note);
        s.stepIndex++;
        String next = e.next;
        EndReason end = null;
        if (step.type().terminal() && next == null) end = step.type() == dev.rehearsal.engine.workflow.StepType.GOAL ? EndReason.GOAL : EndReason.END;
        else if (next == null) end = e.noBranch ? EndReason.NO_MATCHING_BRANCH : EndReason.DEAD_END;
        else if (s.stepIndex >= maxSteps) end = EndReason.MAX_STEPS;
        s.stepId = end == null ? next : null;
        if (end != null) s.endReason = end;
        if (end == EndReason.MAX_STEPS) e.note = join(e.note, "stopped after " + maxSteps + " steps (max-steps guard)");
        return new Interaction(index, step.id(), step.type().wireName(), at, local, e.message, e.reply, e.reading,
                e.replyAt == null ? null : iso(e.replyAt), e.transition, next, e.note, e.flags);
    }

    private static Interaction finish(SimulationSession s, Step step, int index, EndReason reason, String note) {
        s.stepIndex++;
        s.stepId = null;
        s.endReason = reason;
        return new Interaction(index, step.id(), step.type().wireName(), iso(s.clock), localTime(s), null, null, null,
                null, null, note, List.of());
    }

    /** Mutable scratch for one step's outcome. */
    private static final class Exec {
        String next;
        String transition;
        String note;
        OutboundMessage message;
        PersonaReply reply;
        ReplyReading reading;
        Long replyAt;
        boolean noBranch;
        final List<String> flags = new ArrayList<>();

        Exec go(String label, String target) {
            transition = target == null ? null : label;
            next = target;
            return this;
        }
    }

    private static Exec execute(Workflow wf, Persona persona, SimulationSession s, Step step, PersonaResponder responder,
                                ReplyClassifier classifier) {
        Exec e = new Exec();
        ContactState c = s.contact;
        switch (step.type()) {
            case SEND_SMS, SEND_EMAIL -> {
                if (ExternalSteps.blockedBySender(wf, s, step)) {
                    e.note = "not delivered: the contact opted out of sms and the sender refuses to deliver to them";
                    return step.onFailure() != null ? e.go("on_failure", step.onFailure()) : e.go("next", step.next());
                }
                if (responder instanceof ScriptedWorld w && step.onFailure() != null && !w.delivers(step)) {
                    e.note = "not delivered (scripted by the branch hunt: the carrier or mail server refused it)";
                    return e.go("on_failure", step.onFailure());
                }
                send(wf, persona, s, step, responder, classifier, e);
                return e.go("next", step.next());
            }
            case DELAY -> {
                Duration d = delayOf(step, s);
                s.clock += d.toMillis();
                e.note = "waited " + Durations.format(d);
                return e.go("next", step.next());
            }
            case WAIT_FOR_REPLY -> {
                return waitForReply(s, step, e);
            }
            case CONDITION -> {
                if (step.branches().stream().anyMatch(b -> b.when().readsReplies())) c.repliesCheckedAt = s.clock;
                int taken = branchTaken(step, c, s.clock, false);
                noteMisreading(step, c, s.clock, taken, e);
                if (taken >= 0) {
                    Branch b = step.branches().get(taken);
                    e.note = join("branch '" + step.branchLabel(taken) + "' matched", e.note);
                    return e.go("branch:" + step.branchLabel(taken), b.next());
                }
                if (step.defaultNext() != null) {
                    e.note = join("no branch matched; default taken", e.note);
                    return e.go("default", step.defaultNext());
                }
                e.noBranch = true;
                e.note = "no branch matched and the condition has no default: the contact is stuck here";
                return e.go(null, null);
            }
            case ADD_TAG -> {
                c.tags.add(step.text("tag"));
                e.note = "tag '" + step.text("tag") + "' added";
                return e.go("next", step.next());
            }
            case REMOVE_TAG -> {
                boolean had = c.tags.remove(step.text("tag"));
                e.note = "tag '" + step.text("tag") + "' " + (had ? "removed" : "was not set");
                return e.go("next", step.next());
            }
            case UPDATE_CONTACT -> {
                List<String> changed = new ArrayList<>();
                step.config().path("fields").fields().forEachRemaining(f -> {
                    String name = f.getKey().startsWith("contact.") ? f.getKey().substring(8) : f.getKey();
                    if (f.getValue().isNull()) c.fields.remove(name);
                    else c.fields.put(name, MergeFields.render(f.getValue().asText(), key -> lookup(s, key)));
                    changed.add(name);
                });
                e.note = "updated " + String.join(", ", changed);
                return e.go("next", step.next());
            }
            case NOTIFY_TEAM -> {
                e.note = "team notified: " + MergeFields.render(step.text("message"), key -> lookup(s, key));
                return e.go("next", step.next());
            }
            case GOAL -> {
                c.goals.add(step.text("goal"));
                e.note = "goal '" + step.text("goal") + "' reached";
                return e.go("next", step.next());
            }
            case END -> {
                e.note = "workflow ended";
                return e.go(null, null);
            }
            case EXTERNAL_CALL -> {
                ScriptedWorld.CallOutcome forced = responder instanceof ScriptedWorld w ? w.externalCall(step) : null;
                boolean ok = forced != null ? ExternalSteps.apply(s, forced) : ExternalSteps.call(wf, s, step, s.visits.getOrDefault(step.id(), 1));
                e.note = step.text("kind") + " call " + (ok ? "succeeded" : "failed") + (forced != null ? " (scripted by the branch hunt)" : " (simulated outcome)");
                return ok ? e.go("next", step.next()) : e.go("on_failure", step.onFailure());
            }
            case PLACEHOLDER -> {
                e.note = "placeholder for " + step.text("source_type") + ", not simulated: " + step.text("reason");
                return e.go("next", step.next());
            }
            default -> throw new IllegalStateException("unhandled step type " + step.type());
        }
    }

    /** Index of the first branch whose condition holds, or -1. */
    private static int branchTaken(Step step, ContactState c, long now, boolean asMeant) {
        for (int i = 0; i < step.branches().size(); i++) {
            if (ConditionEvaluator.test(step.branches().get(i).when(), c, now, asMeant)) return i;
        }
        return -1;
    }

    /**
     * Flags a condition whose branch would have been another one had the CRM read the last reply as the
     * lead meant it: the misreading changed what the workflow did (the report's intent_misread).
     */
    private static void noteMisreading(Step step, ContactState c, long now, int taken, Exec e) {
        ReplyRecord last = c.lastReply(now);
        if (last == null || (last.meantIntent() == last.intent() && last.meantSentiment() == last.sentiment())) return;
        int meant = branchTaken(step, c, now, true);
        if (meant == taken) return;
        e.flags.add(FLAG_INTENT_MISREAD);
        e.note = "the reply \"" + abbreviate(last.text()) + "\" was read as " + last.intent().wire() + "/"
                + last.sentiment().wire() + " but meant " + last.meantIntent().wire() + "/" + last.meantSentiment().wire()
                + ", which would have taken " + (meant < 0 ? (step.defaultNext() != null ? "the default" : "no branch")
                : "branch '" + step.branchLabel(meant) + "'");
    }

    private static Duration delayOf(Step step, SimulationSession s) {
        if (step.config().has("window")) return SendWindow.delay(step, s, untilOrDuration(step, s));
        return untilOrDuration(step, s);
    }

    private static Duration untilOrDuration(Step step, SimulationSession s) {
        if (step.text("duration") == null && step.text("until") == null) return Duration.ZERO;
        if (step.text("until") != null) {
            LocalTime target = LocalTime.parse(step.text("until"));
            ZonedDateTime now = Instant.ofEpochMilli(s.clock).atZone(ZoneId.of(s.timezone));
            ZonedDateTime at = now.with(target).withSecond(0).withNano(0);
            if (!at.isAfter(now)) at = at.plusDays(1);
            return Duration.between(now, at);
        }
        return step.duration();
    }

    private static Exec waitForReply(SimulationSession s, Step step, Exec e) {
        Duration timeout = step.timeout();
        if ("email_open".equals(step.text("for")) || "email_click".equals(step.text("for"))) return awaitEngagement(s, step, e, timeout);
        try {
            return awaitReply(s, step, e, timeout);
        } finally {
            s.contact.repliesCheckedAt = s.clock;
        }
    }

    /** Waits for the last email to be opened (or clicked): on_reply at that moment, else on_timeout. */
    private static Exec awaitEngagement(SimulationSession s, Step step, Exec e, Duration timeout) {
        boolean click = "email_click".equals(step.text("for"));
        Long at = click ? s.contact.lastEmailClickedAt : s.contact.lastEmailOpenedAt;
        long deadline = s.clock + timeout.toMillis();
        String what = click ? "clicked" : "opened";
        if (at != null && at <= deadline) {
            e.note = at <= s.clock ? "the email was already " + what
                    : "email " + what + " after " + Durations.format(Duration.ofMillis(at - s.clock));
            s.clock = Math.max(s.clock, at);
            return e.go("on_reply", step.onReply());
        }
        s.clock = deadline;
        e.note = "email not " + what + " within " + Durations.format(timeout);
        return step.onTimeout() == null ? e.go(null, null) : e.go("on_timeout", step.onTimeout());
    }

    private static Exec awaitReply(SimulationSession s, Step step, Exec e, Duration timeout) {
        String channel = step.text("channel");
        long deadline = s.clock + timeout.toMillis();
        List<ReplyRecord> replies = s.contact.replies;
        int found = -1;
        for (int i = 0; i < replies.size(); i++) {
            ReplyRecord r = replies.get(i);
            boolean channelOk = channel == null || channel.equals("any") || r.channel().wire().equals(channel);
            if (!r.consumed() && channelOk && r.arrivesAt() <= deadline
                    && (found < 0 || r.arrivesAt() < replies.get(found).arrivesAt())) found = i;
        }
        if (found >= 0) {
            ReplyRecord r = replies.get(found);
            // Replies that came in before this wait also count: a CRM reacts to the first unanswered reply.
            for (int i = 0; i < replies.size(); i++) {
                ReplyRecord x = replies.get(i);
                boolean sameChannel = channel == null || channel.equals("any") || x.channel().wire().equals(channel);
                if (sameChannel && x.arrivesAt() <= r.arrivesAt()) replies.set(i, x.consume());
            }
            String intent = " (" + (r.intent() == null ? "no intent" : r.intent().wire()) + ")";
            if (step.text("save_reply_to") != null) {
                s.contact.fields.put(step.text("save_reply_to"), r.text() == null ? "" : r.text());
            }
            if (r.arrivesAt() <= s.clock) {
                e.note = "a reply was already waiting, received " + LocalTimeText.format(Instant.ofEpochMilli(r.arrivesAt())
                        .atZone(ZoneId.of(s.timezone))) + intent;
            } else {
                e.note = "reply received after " + Durations.format(Duration.ofMillis(r.arrivesAt() - s.clock)) + intent;
                s.clock = r.arrivesAt();
            }
            return e.go("on_reply", step.onReply());
        }
        s.clock = deadline;
        e.note = "no reply within " + Durations.format(timeout);
        if (step.onTimeout() == null) {
            e.note += "; the wait has no on_timeout branch, so the contact is stuck here";
            return e.go(null, null);
        }
        return e.go("on_timeout", step.onTimeout());
    }

    private static void send(Workflow wf, Persona persona, SimulationSession s, Step step, PersonaResponder responder,
                             ReplyClassifier classifier, Exec e) {
        ContactState c = s.contact;
        boolean sms = step.type() == dev.rehearsal.engine.workflow.StepType.SEND_SMS;
        Channel channel = sms ? Channel.SMS : Channel.EMAIL;
        String body = MergeFields.render(step.body(), key -> lookup(s, key));
        String subject = sms ? null : MergeFields.render(step.subject(), key -> lookup(s, key));
        OutboundMessage msg = new OutboundMessage(step.id(), channel, subject, body);
        e.message = msg;
        long now = s.clock;
        boolean optedOut = sms ? c.smsOptedOut(now) : c.emailUnsubscribed(now);
        if (optedOut) e.flags.add(FLAG_AFTER_OPT_OUT);
        ZonedDateTime local = Instant.ofEpochMilli(now).atZone(ZoneId.of(s.timezone));
        dev.rehearsal.engine.compliance.SendFlags.add(wf, s, step, sms, e.flags);
        ReplyRecord unhandled = c.unhandledReply(now);
        if (unhandled != null && !optedOut) {
            e.flags.add(FLAG_REPLY_IGNORED);
            e.note = "sent while the contact's reply of " + LocalTimeText.format(Instant.ofEpochMilli(unhandled.arrivesAt())
                    .atZone(ZoneId.of(s.timezone))) + " (\"" + abbreviate(unhandled.text()) + "\") was still unanswered";
        }
        c.sentAt.add(now);
        // Only what has happened by now, in time order: a reply still "in flight" must not be shown to
        // the persona as its own earlier answer.
        List<Turn> history = s.transcript.stream().filter(t -> t.at() <= now)
                .sorted(java.util.Comparator.comparingLong(Turn::at)).toList();
        remember(s, new Turn(false, channel, subject, body, now));
        if (!sms) {
            // A new email resets "last email opened/clicked" until this one is opened.
            c.lastEmailOpenedAt = null;
            c.lastEmailClickedAt = null;
        }
        if (optedOut) {
            // The lead asked not to be contacted on this channel; they do not engage with it.
            e.note = "sent although the contact opted out of " + channel.wire();
            return;
        }
        PersonaReply reply = responder.respond(new ReplyRequest(persona, msg, history, s.seed, s.stepIndex, now,
                LocalTimeText.format(local), situation(wf, s), s.walk, s.visits.getOrDefault(step.id(), 1)));
        e.reply = reply;
        recordActions(s, now, reply);
        s.usage = s.usage.plus(reply.usage());
        if (reply.likelyToConvert() > 0 || reply.providerError() == null) s.likelyToConvert = reply.likelyToConvert();
        long latencyMin = reply.replyLatencyMinutes() != null ? Math.max(0, reply.replyLatencyMinutes()) : DEFAULT_ACTION_LATENCY_MIN;
        long arrives = now + Duration.ofMinutes(latencyMin).toMillis();
        if (!sms) {
            // Opens and clicks happen when the lead gets to the email, not at the instant it is sent. A persona
            // loads images, so its click or reply also registers the open; a scripted lead says whether it did
            // (a click with images off tracks no open, as many mail clients and ESPs report).
            boolean opened = reply.has(Action.OPENED)
                    || !(responder instanceof ScriptedWorld) && (reply.has(Action.CLICKED) || reply.replied());
            if (opened) c.lastEmailOpenedAt = arrives;
            if (reply.has(Action.CLICKED)) c.lastEmailClickedAt = arrives;
        }
        // The CRM reads the text; what the lead meant stays on the record as ground truth.
        ReplyReading reading = reply.replied() ? classifier.classify(reply.response()) : null;
        if (reading != null) {
            e.reading = reading;
            s.usage = s.usage.plus(reading.usage());
        }
        if (OptOuts.optsOut(reply, reading, channel)) {
            // The opt-out applies to the channel the lead answered on, whichever action or intent said it.
            if (sms && c.smsOptedOutAt == null) c.smsOptedOutAt = arrives;
            if (!sms && c.emailUnsubscribedAt == null) c.emailUnsubscribedAt = arrives;
        }
        if (reply.replied()) {
            c.replies.add(new ReplyRecord(step.id(), channel, cut(reply.response()), reading.intent(), reading.sentiment(),
                    arrives, false, reply.intent(), reply.sentiment()));
            if (c.replies.size() > MAX_REPLIES) c.replies.remove(0);
            remember(s, new Turn(true, channel, null, reply.response(), arrives));
            e.replyAt = arrives;
        }
    }

    /** Merge-field values: contact.* from the contact record; other namespaces unknown here. */
    static String lookup(SimulationSession s, String key) {
        if (key.startsWith("contact.")) return s.contact.fields.get(key.substring(8));
        return null;
    }

    static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    static String localTime(SimulationSession s) {
        return LocalTimeText.format(Instant.ofEpochMilli(s.clock).atZone(ZoneId.of(s.timezone)));
    }

    /** The code-built situation a responder writes in: business, campaign, who wrote first, time zone. */
    static Situation situation(Workflow wf, SimulationSession s) {
        String sender = wf.settings().senderName();
        Step first = wf.step(wf.start());
        boolean leadFirst = first != null && (first.type() == dev.rehearsal.engine.workflow.StepType.WAIT_FOR_REPLY
                || (first.type() == dev.rehearsal.engine.workflow.StepType.CONDITION
                && first.branches().stream().anyMatch(b -> b.when().readsReplies())));
        return new Situation(sender == null || sender.isBlank() ? wf.name() : sender, wf.settings().vertical(), wf.name(), leadFirst, s.timezone);
    }

    /** What the lead did with the message just sent (opened, clicked, booked...), kept on its turn for later prompts. */
    private static void recordActions(SimulationSession s, long sentAt, PersonaReply reply) {
        java.util.Set<Action> done = java.util.EnumSet.noneOf(Action.class);
        for (Action a : reply.actions()) if (a != Action.REPLIED) done.add(a);
        if (done.isEmpty()) return;
        for (int i = s.transcript.size() - 1; i >= 0; i--) {
            Turn t = s.transcript.get(i);
            if (!t.fromLead() && t.at() == sentAt) {
                s.transcript.set(i, t.withActions(done));
                return;
            }
        }
    }

    static void remember(SimulationSession s, Turn t) {
        s.transcript.add(new Turn(t.fromLead(), t.channel(), t.subject(), cut(t.text()), t.at(), t.actions()));
        if (s.transcript.size() > MAX_TURNS) s.transcript.remove(0);
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_TURN_CHARS ? text : text.substring(0, MAX_TURN_CHARS) + " [...]";
    }

    private static String abbreviate(String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }


}
