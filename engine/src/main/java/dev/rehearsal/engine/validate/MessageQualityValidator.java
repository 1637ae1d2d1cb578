package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.MergeFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What each message says: spam-filter risk, SMS encoding and length, merge fields, subject lines,
 * and marketing compliance. Rule-based and deterministic; the LLM analysis is a separate, optional pass.
 */
public final class MessageQualityValidator implements WorkflowValidator {
    public static final int MAX_SUBJECT = 78;
    /** From how many send steps the messages are checked on every core ({@link InOrder}). */
    private final int parallelFrom;

    public MessageQualityValidator() {
        this(InOrder.PARALLEL_FROM);
    }

    /** With the parallel threshold given: tests compare a one-thread run with a many-thread one. */
    MessageQualityValidator(int parallelFrom) {
        this.parallelFrom = parallelFrom;
    }

    @Override
    public List<Issue> validate(Workflow workflow) {
        MergeFieldRules merge = new MergeFieldRules(workflow);
        List<Step> sends = workflow.steps().stream().filter(s -> s.type().sendsMessage()).toList();
        Map<Text, TextFindings> read = new ConcurrentHashMap<>();
        Map<String, Template> templates = new ConcurrentHashMap<>();
        List<Issue> out = new ArrayList<>();
        // Each message is checked on its own: on a big workflow, on every core, collected in step order.
        for (List<Issue> found : InOrder.map(sends, s -> check(workflow, merge, read, templates, s), sends.size() >= parallelFrom)) {
            out.addAll(found);
        }
        ComplianceRules.check(workflow, StepGraph.of(workflow), out);
        return out;
    }

    /** The findings of one send step, in the order the checks run. */
    private static List<Issue> check(Workflow workflow, MergeFieldRules merge, Map<Text, TextFindings> read,
                                     Map<String, Template> templates, Step s) {
        List<Issue> out = new ArrayList<>(2);
        Template subject = Template.of(s.text("subject"), templates), body = Template.of(s.text("body"), templates);
        if (subject.text() != null) merge.check(workflow, s, "subject", subject.text(), subject.tokens(), out);
        if (body.text() != null) merge.check(workflow, s, "body", body.text(), body.tokens(), out);
        boolean sms = s.type() == StepType.SEND_SMS;
        TextFindings f = read.computeIfAbsent(new Text(sms, subject.rendered(), body.rendered()), TextFindings::of);
        spam(workflow, s, f.spam(), out);
        UrgencyRules.check(workflow, s, f.urgency(), out);
        if (sms) sms(workflow, s, f.sms(), out);
        else subject(workflow, s, subject.rendered(), out);
        return out;
    }

    /** What a send puts in front of the contact once merge fields are filled with nothing: its channel, subject and body. */
    private record Text(boolean sms, String subject, String body) {
    }

    /**
     * What the text checks find in one {@link Text}. They read nothing but the text, so a workflow that sends the same
     * text from several steps (both branches of a condition, say) has it read once.
     */
    private record TextFindings(SpamScorer.Score spam, List<String> urgency, SmsEncoding.Analysis sms) {
        static TextFindings of(Text t) {
            return new TextFindings(
                    SpamScorer.score(t.sms() ? t.body() : t.subject() + "\n" + t.body(), t.sms() ? SpamScorer.Channel.SMS : SpamScorer.Channel.EMAIL),
                    UrgencyRules.phrases(t.subject() + "\n" + t.body()),
                    t.sms() ? SmsEncoding.analyse(t.body()) : null);
        }
    }

    /**
     * One config field of a send step, its merge fields, and what a contact with none of them set receives ("" when
     * absent). Read once per distinct text in a validation: a workflow often sends one text from several steps.
     */
    private record Template(String text, List<MergeFields.Token> tokens, String rendered) {
        private static final Template ABSENT = new Template(null, List.of(), "");

        static Template of(String text, Map<String, Template> read) {
            return text == null ? ABSENT : read.computeIfAbsent(text, Template::of);
        }

        private static Template of(String text) {
            List<MergeFields.Token> tokens = List.copyOf(MergeFields.tokens(text));
            return new Template(text, tokens, MergeFields.renderFallbacks(text, tokens));
        }
    }

    private static void spam(Workflow w, Step s, SpamScorer.Score score, List<Issue> out) {
        boolean sms = s.type() == StepType.SEND_SMS;
        if (score.score() < SpamScorer.WARNING_AT) return;
        Severity sev = score.score() >= SpamScorer.ERROR_AT ? Severity.ERROR : Severity.WARNING;
        String rules = score.hits().stream().map(SpamScorer.Hit::toString).collect(Collectors.joining("; "));
        String fix = score.hits().stream().map(h -> h.rule()).map(MessageQualityValidator::fixFor)
                .distinct().collect(Collectors.joining(" "));
        out.add(Issue.of(sev, "spam_risk", s.id(), w.pointerOf(s.id()) + (sms ? "/config/body" : "/config"),
                s.type().wireName() + " '" + s.id() + "' scores " + score.score() + "/100 for spam risk (warning at "
                        + SpamScorer.WARNING_AT + ", error at " + SpamScorer.ERROR_AT + "): " + rules,
                fix));
    }

    /** What to change for each spam rule; a test checks every rule in {@link SpamFeatures#RULES} has one. */
    static String fixFor(String rule) {
        return switch (rule) {
            case "premium_rate_number" -> "Remove premium-rate numbers (09, 087, 084, 1-900); give a normal or toll-free number.";
            case "freephone_number" -> "Give your business's own number rather than a freephone line.";
            case "per_message_charge" -> "Do not charge per message or week in a marketing text.";
            case "text_keyword_to_short_code" -> "Do not ask contacts to text a keyword to a short code; link to your own page instead.";
            case "prize_language" -> "Avoid winner/prize/claim wording; describe the actual offer.";
            case "account_bait" -> "Do not imitate account, statement or delivery alerts; say plainly who you are and why you write.";
            case "age_or_terms_gate" -> "Drop 18+/T&C gating, which reads like a premium-rate service.";
            case "restricted_content" -> "Carriers block sex, gambling, drugs and crypto content (SHAFT); remove it.";
            case "income_claims" -> "Drop earnings and work-from-home claims; state the concrete offer.";
            case "cash" -> "Say what the offer is rather than 'cash'.";
            case "too_good_to_be_true" -> "Remove 'guaranteed'/'risk-free'/'no strings'/'secret' claims.";
            case "free_offer" -> "'Free' is fine once; keep other spam traits away from it.";
            case "urgency" -> "Replace pressure phrases (act now, limited time) with a real date.";
            case "alarm_words" -> "Drop 'urgent'/'immediately'/'hurry'; give the actual deadline.";
            case "generic_greeting" -> "Greet by name with a fallback ({{contact.first_name | default: \"there\"}}), not 'Dear customer'.";
            case "asks_for_personal_details" -> "Never ask for bank details, ID or date of birth by message.";
            case "shouting" -> "Write in sentence case.";
            case "excessive_punctuation" -> "Use at most one ! or ?.";
            case "click_here" -> "Describe the link (\"See your quote: <link>\") instead of 'click here'.";
            case "url_shortener" -> "Use a full link on your own (branded) domain instead of a public shortener.";
            case "link_density" -> "Use fewer links, or more words around each.";
            default -> "";
        };
    }

    private static void sms(Workflow w, Step s, SmsEncoding.Analysis a, List<Issue> out) {
        String pointer = w.pointerOf(s.id()) + "/config/body";
        if (a.encoding() == SmsEncoding.Encoding.UCS_2) {
            String chars = a.nonGsm().stream().map(SmsEncoding::printable).collect(Collectors.joining(" "));
            out.add(Issue.of(Severity.WARNING, "sms_unicode", s.id(), pointer,
                    "send_sms '" + s.id() + "' contains characters outside GSM-7 (" + chars
                            + "), so the whole text is sent as UCS-2: 70 characters per message instead of 160 ("
                            + a.segments() + " segment(s) now)",
                    "Replace them: " + SmsEncoding.suggestReplacements(a.nonGsm()) + "."));
        }
        if (a.segments() >= 2) {
            boolean costly = a.segments() >= 3;
            int per = a.encoding() == SmsEncoding.Encoding.GSM_7 ? SmsEncoding.GSM_PART : SmsEncoding.UCS2_PART;
            out.add(Issue.of(costly ? Severity.WARNING : Severity.INFO, "sms_segments", s.id(), pointer,
                    "send_sms '" + s.id() + "' is " + a.units() + (a.encoding() == SmsEncoding.Encoding.GSM_7 ? " septets" : " UTF-16 units")
                            + " in " + a.encoding() + ": " + a.segments() + " segments of up to " + per
                            + (costly ? ", costing " + a.segments() + "x a single SMS per contact" : ""),
                    "Shorten to " + (a.encoding() == SmsEncoding.Encoding.GSM_7 ? SmsEncoding.GSM_SINGLE : SmsEncoding.UCS2_SINGLE)
                            + " characters (one segment) or move detail behind a link."));
        }
    }

    private static void subject(Workflow w, Step s, String rendered, List<Issue> out) {
        String pointer = w.pointerOf(s.id()) + "/config/subject";
        String subject = rendered.strip();
        int letters = (int) subject.codePoints().filter(Character::isLetter).count();
        if (letters < 3) {
            out.add(Issue.of(Severity.WARNING, "subject_empty", s.id(), pointer,
                    "send_email '" + s.id() + "' has a subject with almost no words once merge fields are filled: \"" + subject + "\"",
                    "Write a subject that says what the email is about, e.g. \"Your quote from {{account.name}}\"."));
            return;
        }
        if (subject.length() > MAX_SUBJECT) {
            out.add(Issue.of(Severity.WARNING, "subject_too_long", s.id(), pointer,
                    "send_email '" + s.id() + "' subject is " + subject.length() + " characters; inboxes cut it off around 60 and "
                            + MAX_SUBJECT + " is the limit we accept",
                    "Shorten the subject to under 60 characters; put the detail in the preview text or body."));
        }
        if (letters >= 6 && subject.equals(subject.toUpperCase(Locale.ROOT))) {
            out.add(Issue.of(Severity.WARNING, "subject_all_caps", s.id(), pointer,
                    "send_email '" + s.id() + "' subject is all capitals: \"" + subject + "\"",
                    "Write the subject in sentence case."));
        }
    }
}
