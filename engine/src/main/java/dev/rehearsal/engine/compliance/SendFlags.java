package dev.rehearsal.engine.compliance;

import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.sim.SimulationSession;
import dev.rehearsal.engine.sim.Simulator;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.Workflow;

import java.time.Duration;
import java.util.List;

/**
 * The compliance flags of one message at the moment the simulator sends it (before it is recorded):
 * whether it answers the contact, and, for unsolicited ones, quiet hours, the workflow's frequency
 * cap and the stricter states' caps on commercial texts.
 */
public final class SendFlags {
    private SendFlags() {
    }

    public static void add(Workflow wf, SimulationSession s, Step step, boolean sms, List<String> flags) {
        long now = s.clock;
        var c = s.contact;
        if (Unsolicited.answers(c.replies, now)) {
            flags.add(Simulator.FLAG_ANSWER);
            return;
        }
        if (sms && QuietHours.check(now, s.timezone, c.fields, wf.settings()).quiet()) flags.add(Simulator.FLAG_QUIET_HOURS);
        long dayAgo = now - Duration.ofHours(24).toMillis();
        long recent = c.sentAt.stream().filter(t -> t > dayAgo && !Unsolicited.answers(c.replies, t)).count() + 1;
        if (recent > wf.settings().maxMessagesPer24h()) flags.add(Simulator.FLAG_FREQUENCY);
        StateRule cap = QuietHours.cap(c.fields);
        if (sms && cap != null && wf.settings().marketing() && !step.flag("transactional")) {
            long texts = s.transcript.stream().filter(t -> !t.fromLead() && t.channel() == Channel.SMS && t.at() > dayAgo
                    && !Unsolicited.answers(c.replies, t.at())).count() + 1;
            if (texts > cap.maxPer24h()) flags.add(Simulator.FLAG_STATE_FREQUENCY);
        }
    }
}
