package dev.rehearsal.engine.offline;

import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.reading.Act;
import dev.rehearsal.engine.reading.MessageReading;

import java.time.LocalTime;
import java.util.List;

/**
 * How provoking a message is, 0..1: what makes any person, not only Cold Carl, opt out. The chance
 * of opting out is this score times the persona's {@code opt_out_sensitivity}.
 *
 * <ul>
 *   <li>unsolicited: a marketing message (offer, invite, re-engagement, nurture, survey) following an
 *       earlier one the lead did not answer (the first message is the one a new lead expects): +0.03;</li>
 *   <li>a text in the contact's night (21:00-08:00 local, the TCPA default window): +0.35;</li>
 *   <li>shouting, pressure words: +0.3; spam phrases on top: +0.15;</li>
 *   <li>each unsolicited message beyond two in 24 hours: +0.15;</li>
 *   <li>each earlier message the reader read the same (a repeat): +0.2;</li>
 *   <li>off-topic (the message is about another business than the sender's): +0.25.</li>
 * </ul>
 */
final class Provocation {
    private Provocation() {
    }

    static double score(MessageReading r, List<Turn> history, long sentAt, LocalTime local, int repeats) {
        boolean marketing = r.act() != Act.REMINDER && r.act() != Act.TRANSACTIONAL;
        boolean unsolicited = marketing && unsolicited(history);
        double s = unsolicited ? 0.03 : 0;
        if (r.channel() == Channel.SMS && local != null && (local.getHour() >= 21 || local.getHour() < 8)) s += 0.35;
        if (r.pushy()) s += 0.3;
        if (r.spammy()) s += 0.15;
        if (unsolicited) {
            long day = sentAt - 86_400_000L;
            long recent = history.stream().filter(t -> !t.fromLead() && t.at() > day).count() + 1;
            if (recent > 2) s += 0.15 * (recent - 2);
        }
        s += 0.2 * repeats;
        if (r.offTopic()) s += 0.25;
        return Math.min(1, s);
    }

    /** True when an earlier message went unanswered: the lead has not written since it. */
    static boolean unsolicited(List<Turn> history) {
        return !history.isEmpty() && !history.get(history.size() - 1).fromLead();
    }
}
