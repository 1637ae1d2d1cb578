package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.reading.OptOutKeywords;
import dev.rehearsal.engine.workflow.MergeFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Marketing compliance: opt-out language in the first SMS a contact can receive (CTIA / TCPA
 * practice), an unsubscribe path and a physical postal address in every marketing email (CAN-SPAM).
 * Transactional workflows (settings.category) and steps (config.transactional) are exempt.
 */
final class ComplianceRules {
    private static final int CI = Pattern.CASE_INSENSITIVE;
    static final Pattern SMS_OPT_OUT = Pattern.compile(
            "\\b(?:reply|text|txt|send|respond(?:\\s+with)?)\\s+[\"'“”]?stop\\b"
                    + "|\\bstop\\s+(?:to\\s+)?(?:opt[\\s-]?out|unsubscribe|end|cancel|quit|stop)\\b", CI);
    static final Pattern UNSUBSCRIBE = Pattern.compile(
            "unsubscribe|opt[\\s-]?out|email\\s+preferences|manage\\s+(?:your\\s+)?(?:subscription|preferences)"
                    + "|\\{\\{\\s*account\\.(?:unsubscribe_url|preferences_url)", CI);
    /** A US-style street line or a PO box (or a STATE_ZIP line): good enough to see an address is there. */
    static final Pattern POSTAL = Pattern.compile(
            "\\b\\d{1,6}\\s+(?:[A-Za-z0-9.'-]+\\s+){1,5}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|way|court|ct|place|pl|parkway|pkwy|highway|hwy|suite|ste|square|sq|terrace|ter)\\b\\.?"
                    + "|\\bp\\.?\\s?o\\.?\\s+box\\s+\\d+"
                    + "|\\{\\{\\s*account\\.postal_address", CI);
    /** "TX 78701": case-sensitive, or "to 10000" would pass for a state and ZIP code. */
    static final Pattern STATE_ZIP = Pattern.compile("\\b[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?\\b");

    private ComplianceRules() {
    }

    static boolean marketing(Workflow w, Step s) {
        return w.settings().marketing() && !s.flag("transactional");
    }

    static void check(Workflow w, StepGraph g, List<Issue> out) {
        firstSmsOptOut(w, g, out);
        Step firstMarketingEmail = null;
        for (Step s : w.steps()) {
            if (s.type() == StepType.SEND_EMAIL && marketing(w, s)) {
                email(w, s, out);
                if (firstMarketingEmail == null) firstMarketingEmail = s;
            }
        }
        if (firstMarketingEmail != null) oneClickUnsubscribe(w, firstMarketingEmail, out);
    }

    /**
     * Gmail's and Yahoo's bulk-sender rules (in force since February 2024) require marketing mail to
     * carry RFC 8058 one-click unsubscribe: a List-Unsubscribe header with an https URI and
     * List-Unsubscribe-Post: List-Unsubscribe=One-Click. The workflow declares it in settings.email.
     */
    private static void oneClickUnsubscribe(Workflow w, Step first, List<Issue> out) {
        var email = w.source() == null ? null : w.source().path("settings").path("email");
        boolean post = email != null && email.path("list_unsubscribe_post").asBoolean(false);
        String uri = email == null || !email.hasNonNull("list_unsubscribe") ? null : email.get("list_unsubscribe").asText();
        if (post && uri != null && uri.startsWith("https://")) return;
        out.add(Issue.of(Severity.WARNING, "missing_one_click_unsubscribe", first.id(), "/settings/email",
                "this workflow sends marketing email (first: '" + first.id() + "') but settings.email does not declare RFC 8058 one-click unsubscribe"
                        + (uri != null && !uri.startsWith("https://") ? " (list_unsubscribe must be an https URL, not \"" + uri + "\")" : "")
                        + "; Gmail and Yahoo require it of bulk senders since February 2024",
                "Add \"email\": {\"list_unsubscribe\": \"https://example.com/u/{{contact.id}}\", \"list_unsubscribe_post\": true} to settings, "
                        + "and have the sending platform add the List-Unsubscribe and List-Unsubscribe-Post headers."));
    }

    /**
     * Every SMS a contact can receive as their first: breadth-first from start, not going past an
     * SMS, so each one found is first on some path. Linear, and stricter than "the first in BFS".
     */
    private static void firstSmsOptOut(Workflow w, StepGraph g, List<Issue> out) {
        if (g.start < 0) return;
        boolean[] seen = new boolean[g.n];
        int[] queue = new int[g.n];
        int size = 0;
        seen[g.start] = true;
        queue[size++] = g.start;
        for (int head = 0; head < size; head++) {
            int v = queue[head];
            Step s = g.steps[v];
            if (s.type() == StepType.SEND_SMS) {
                String body = MergeFields.render(s.body(), f -> null);
                if (marketing(w, s) && !offersSmsOptOut(body)) {
                    out.add(Issue.of(Severity.ERROR, "missing_sms_opt_out", s.id(), w.pointerOf(s.id()) + "/config/body",
                            "send_sms '" + s.id() + "' can be the first text a contact gets from this marketing workflow and says nothing about opting out",
                            "End the message with \"Reply STOP to opt out.\" (in Spanish: \"Responde BAJA para no recibir más mensajes.\")"));
                }
                continue;
            }
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                int t = g.targets[e];
                if (!seen[t]) {
                    seen[t] = true;
                    queue[size++] = t;
                }
            }
        }
    }

    /** Opt-out language in English or Spanish: the shared keyword table, or the English phrasing above. */
    static boolean offersSmsOptOut(String body) {
        return SMS_OPT_OUT.matcher(body).find() || OptOutKeywords.offersOptOut(body);
    }

    private static void email(Workflow w, Step s, List<Issue> out) {
        String body = s.body() == null ? "" : s.body();
        String pointer = w.pointerOf(s.id()) + "/config/body";
        if (!UNSUBSCRIBE.matcher(body).find() && !OptOutKeywords.offersUnsubscribe(body)) {
            out.add(Issue.of(Severity.ERROR, "missing_unsubscribe", s.id(), pointer,
                    "marketing email '" + s.id() + "' has no unsubscribe link or instruction (required by CAN-SPAM)",
                    "Add a footer line such as \"Unsubscribe: {{account.unsubscribe_url}}\"."));
        }
        String address = w.settings().postalAddress();
        if ((address == null || address.isBlank()) && !POSTAL.matcher(body).find() && !STATE_ZIP.matcher(body).find()) {
            out.add(Issue.of(Severity.ERROR, "missing_postal_address", s.id(), pointer,
                    "marketing email '" + s.id() + "' shows no physical postal address and settings.postal_address is not set (required by CAN-SPAM)",
                    "Set settings.postal_address, or add {{account.postal_address}} to the email footer."));
        }
    }
}
