package dev.rehearsal.providers.jobs;

import dev.rehearsal.engine.llm.PersonaReply.ReplyWhen;
import dev.rehearsal.engine.persona.Knobs;
import dev.rehearsal.engine.persona.Persona;
import dev.rehearsal.engine.persona.Traits;
import dev.rehearsal.engine.reading.MessageReader;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Code checks the model's answer against the persona's behavior knobs and owns the reply's time
 * (docs/PROVIDERS.md, "Availability"). The model says whether and when it would answer; this decides the
 * latency the workflow sees:
 * <ol>
 *   <li>"now" means "at my usual pace" when the persona declares {@code behavior.reply_delay}: a delay drawn
 *       around its median and spread ({@code usual_delay}); otherwise 1-10 minutes, as {@link ReplyTiming} says;</li>
 *   <li>a time inside {@code active_hours} (or any time, for a persona with none) is taken as said;</li>
 *   <li>"now", "not today" or the usual delay landing outside the window is pushed to the next opening,
 *       spread over its first 90 minutes ({@code pushed_into_active_hours}): the person reads it later;</li>
 *   <li>an explicit time (HH:MM) up to {@link #TOLERANCE_MINUTES} outside the window is moved onto its
 *       edge ({@code clamped_to_active_hours}): people are not exact;</li>
 *   <li>an explicit time further outside is also pushed, but the model insisted on answering when this
 *       person does not, and wrote the text for that moment: code cannot fix the words, so the reply is
 *       out of character and its walk is excluded from pass rates (the same holds for a reply written in
 *       another language than the declared one).</li>
 * </ol>
 */
final class Availability {
    static final int TOLERANCE_MINUTES = 30;
    /** Replies shorter than this have no language worth judging ("ok", "C", "sí"). */
    static final int MIN_WORDS_FOR_LANGUAGE = 4;

    /** The applied latency, the record of the wish, and why the answer is out of character (or null). */
    record Decision(Integer latencyMinutes, ReplyWhen when, String outOfCharacter) {
    }

    private Availability() {
    }

    static Decision decide(Persona persona, String said, String response, LocalDateTime arrived, long seed, int step) {
        if (said == null) return new Decision(null, null, null);
        Knobs k = Traits.resolve(persona);
        int saidMinutes = ReplyTiming.minutes(said, arrived, seed, step);
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + step);
        String w = said.strip();
        boolean now = w.equals("now"), explicit = !now && !w.equals("not today");
        int minutes = saidMinutes;
        String rule = "as_said";
        if (now && persona.behavior() != null && persona.behavior().replyDelay() != null) {
            double z = Math.max(-2, Math.min(2, rnd.nextGaussian()));
            minutes = (int) Math.max(1, Math.round(k.delayMedianMinutes() * Math.pow(k.delaySpread(), z)));
            rule = "usual_delay";
        }
        String ooc = language(persona, k, response);
        LocalDateTime at = arrived.plusMinutes(minutes);
        if (!k.anyHour() && !k.active(at.toLocalTime())) {
            LocalDateTime edge = explicit ? edge(k, arrived, at) : null;
            if (edge != null) {
                at = edge;
                rule = "clamped_to_active_hours";
            } else {
                at = nextOpening(k, at, rnd.nextDouble());
                rule = "pushed_into_active_hours";
                if (explicit && ooc == null) {
                    ooc = "declared active hours " + k.activeStart() + "-" + k.activeEnd() + ", but chose to answer at "
                            + w + " (applied: " + at.toLocalTime() + ")";
                }
            }
            minutes = (int) Math.max(1, Duration.between(arrived, at).toMinutes());
        }
        return new Decision(Math.min(ReplyTiming.MAX_MINUTES, minutes), new ReplyWhen(w, saidMinutes, rule), ooc);
    }

    /** The window's nearest in-hours minute when {@code at} misses it by at most the tolerance; else null. */
    private static LocalDateTime edge(Knobs k, LocalDateTime arrived, LocalDateTime at) {
        int m = at.getHour() * 60 + at.getMinute();
        int start = k.activeStart().getHour() * 60 + k.activeStart().getMinute();
        int end = k.activeEnd().getHour() * 60 + k.activeEnd().getMinute();
        int toStart = Math.floorMod(start - m, 1440);
        if (toStart <= TOLERANCE_MINUTES) return at.plusMinutes(toStart);
        int sinceEnd = Math.floorMod(m - end, 1440);
        LocalDateTime lastMinute = at.minusMinutes(sinceEnd + 1L);
        return sinceEnd < TOLERANCE_MINUTES && lastMinute.isAfter(arrived) ? lastMinute : null;
    }

    /** The first active moment after {@code at}, plus a share of the window's first 90 minutes. */
    static LocalDateTime nextOpening(Knobs k, LocalDateTime at, double share) {
        LocalDateTime start = at.toLocalDate().atTime(k.activeStart());
        if (!start.isAfter(at)) start = start.plusDays(1);
        long window = Duration.between(k.activeStart(), k.activeEnd()).toMinutes();
        if (window <= 0) window += 24 * 60;
        return start.plusMinutes((long) (share * Math.min(90, window - 1)));
    }

    /** A reply in another language than the persona declares (behavior.language or speaks_spanish). */
    private static String language(Persona p, Knobs k, String response) {
        boolean declared = (p.behavior() != null && p.behavior().language() != null) || p.hasTrait("speaks_spanish");
        if (!declared || response == null || response.strip().split("\\s+").length < MIN_WORDS_FOR_LANGUAGE) return null;
        String wrote = MessageReader.clearLanguage(response);
        String want = k.primaryLanguage();
        if (wrote == null || wrote.equals(want) || !Traits.OFFLINE_LANGUAGES.contains(want)) return null;
        return "declared language " + k.language() + ", but the reply is in " + wrote;
    }
}
