package dev.rehearsal.engine.compliance;

import dev.rehearsal.engine.workflow.WorkflowSettings;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a message at an instant falls in the contact's quiet hours: the workflow's own window in the
 * contact's time zone, and every stricter state rule that may apply. The states come from the
 * contact's {@code state} field and the phone's area code; where the two disagree, both apply, and a
 * state whose zones do not include the contact's is judged in each of its zones as well, so only
 * hours safe in every plausible zone pass.
 */
public final class QuietHours {
    /** {@code rule} names what was broken ("workflow quiet hours 21:00–08:00", "Florida: 08:00–20:00 every day (…)"). */
    public record Verdict(boolean quiet, String rule, String localTime) {
    }

    private QuietHours() {
    }

    /** The stricter-state rules that may apply to this contact, the state field's first. */
    public static List<StateRule> rules(Map<String, String> contact) {
        Set<String> codes = new LinkedHashSet<>();
        String state = contact.get("state");
        if (state != null && !state.isBlank()) codes.add(StateRules.code(state));
        String fromPhone = AreaCodes.state(contact.get("phone"));
        if (fromPhone != null) codes.add(fromPhone);
        List<StateRule> out = new ArrayList<>();
        for (String c : codes) {
            StateRule r = StateRules.of(c);
            if (r != null) out.add(r);
        }
        return out;
    }

    public static Verdict check(long epochMs, String contactZone, Map<String, String> contact, WorkflowSettings settings) {
        Instant at = Instant.ofEpochMilli(epochMs);
        ZonedDateTime local = at.atZone(ZoneId.of(contactZone));
        if (settings.inQuietHours(local.toLocalTime())) {
            return new Verdict(true, "the workflow's quiet hours " + settings.quietStart() + "–" + settings.quietEnd()
                    + " contact time", local.toLocalTime().toString() + " " + contactZone);
        }
        for (StateRule r : rules(contact)) {
            // A contact zone the state spans is trusted; one it does not span (a ported number, a wrong
            // record) leaves every zone of that state plausible as well as the contact's.
            Set<String> zones = new LinkedHashSet<>();
            zones.add(contactZone);
            if (!r.zones().contains(contactZone)) zones.addAll(r.zones());
            for (String z : zones) {
                ZonedDateTime t = at.atZone(ZoneId.of(z));
                if (!r.allows(t.getDayOfWeek(), t.toLocalTime())) {
                    return new Verdict(true, r.describe() + " (" + r.source() + ")",
                            t.getDayOfWeek().toString().substring(0, 3) + " " + t.toLocalTime() + " " + z);
                }
            }
        }
        return new Verdict(false, null, null);
    }

    /** The smallest per-24-hour cap on commercial texts among the states that may apply, or null. */
    public static StateRule cap(Map<String, String> contact) {
        StateRule best = null;
        for (StateRule r : rules(contact)) {
            if (r.maxPer24h() != null && (best == null || r.maxPer24h() < best.maxPer24h())) best = r;
        }
        return best;
    }
}
