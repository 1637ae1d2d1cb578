package dev.rehearsal.engine.validate;

import dev.rehearsal.engine.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.rehearsal.engine.validate.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

class MessageQualityValidatorTest {
    private final MessageQualityValidator v = new MessageQualityValidator();
    private static final String OPT_OUT = " Reply STOP to opt out.";
    private static final String FOOTER = "\nUnsubscribe: {{account.unsubscribe_url}}\n{{account.postal_address}}";

    private static String sms(String id, String body, String next) {
        return "{\"id\": \"" + id + "\", \"type\": \"send_sms\", \"config\": {\"body\": " + str(body) + "}, \"next\": \"" + next + "\"}";
    }

    private static String email(String id, String subject, String body, String next) {
        return "{\"id\": \"" + id + "\", \"type\": \"send_email\", \"config\": {\"subject\": " + str(subject) + ", \"body\": "
                + str(body) + "}, \"next\": \"" + next + "\"}";
    }

    private static final String END = "{\"id\": \"z\", \"type\": \"end\"}";

    private List<Issue> smsIssues(String body) {
        return v.validate(workflow("a", sms("a", body, "z") + "," + END));
    }

    private List<Issue> emailIssues(String subject, String body, String settings) {
        return v.validate(workflow("a", email("a", subject, body, "z") + "," + END, settings));
    }

    // --- spam -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", value = {
            "Hi {{contact.first_name | default: \"there\"}}, your quote is ready. Reply STOP to opt out.       =>         =>",
            "Act now!! Your quote is ready. Reply STOP to opt out.                                         => warning => urgency",
            "CONGRATULATIONS WINNER!!! Claim your CASH prize, act now: bit.ly/x Reply STOP to opt out.   => error   => url_shortener",
    })
    void spamRiskBySeverityThreshold(String body, String severity, String rule) {
        List<Issue> spam = ofType(smsIssues(body), "spam_risk");
        if (severity == null) {
            assertEquals(List.of(), spam);
            return;
        }
        assertEquals(1, spam.size());
        Issue i = spam.get(0);
        assertEquals(Severity.fromWire(severity), i.severity(), i.message());
        assertEquals("/steps/0/config/body", i.pointer());
        // every rule that fired is listed with its points, and the fix names what to change
        assertTrue(i.message().contains(rule + " +" + SpamWeights.shipped().pointsFor(rule)), i.message());
        assertTrue(i.suggestion().contains(rule.equals("urgency") ? "pressure" : "shortener"), i.suggestion());
    }

    @Test
    void newsletterLayoutIsNotSpam() {
        String body = "Hi {{contact.first_name | default: \"there\"}},\n\nIN THIS ISSUE\n- New classes\n- Holiday hours\n\n"
                + "NEW CLASSES\nHIIT on Mondays at 7am: https://gym.example.com/hiit\nYoga on Sundays: https://gym.example.com/yoga\n"
                + "Pilates on Fridays: https://gym.example.com/pilates\n\nHOLIDAY HOURS\nClosed December 25.\n" + FOOTER;
        assertTrue(ofType(emailIssues("Summit Fitness news: December", body, "{}"), "spam_risk").isEmpty());
    }

    @Test
    void emailSpamCountsTheSubject() {
        List<Issue> spam = ofType(emailIssues("FREE CASH WINNER!!!", "Act now, results guaranteed." + FOOTER, "{}"), "spam_risk");
        assertEquals(1, spam.size());
        assertEquals("/steps/0/config", spam.get(0).pointer());
    }

    // --- SMS encoding ---------------------------------------------------------------------

    @Test
    void curlyQuotesMakeUnicodeWithReplacements() {
        List<Issue> u = ofType(smsIssues("It’s ready — see you soon." + OPT_OUT), "sms_unicode");
        assertEquals(1, u.size());
        assertEquals(Severity.WARNING, u.get(0).severity());
        assertTrue(u.get(0).message().contains("’ —"), u.get(0).message());
        assertTrue(u.get(0).suggestion().contains("’ -> '"), u.get(0).suggestion());
        assertTrue(ofType(smsIssues("It's ready - see you soon." + OPT_OUT), "sms_unicode").isEmpty());
    }

    @ParameterizedTest(name = "{0} chars -> {1}")
    @CsvSource({"100, ", "200, info", "400, warning"})
    void segmentsBySeverity(int length, String severity) {
        String body = ("Hello " + "x".repeat(length)).substring(0, length - OPT_OUT.length()) + OPT_OUT;
        List<Issue> seg = ofType(smsIssues(body), "sms_segments");
        if (severity == null) {
            assertEquals(List.of(), seg);
        } else {
            assertEquals(Severity.fromWire(severity), seg.get(0).severity());
            if (length == 400) assertTrue(seg.get(0).message().contains("3x a single SMS"), seg.get(0).message());
        }
    }

    @Test
    void segmentsCountRenderedFallbacksNotTemplates() {
        // the template is over 160 characters but renders to well under it
        String body = "{{contact.first_name | default: \"" + "y".repeat(5) + "\"}}" + " ".repeat(0)
                + "{{contact.company | default: \"acme\"}}".repeat(4) + OPT_OUT;
        assertTrue(body.length() > 160);
        assertTrue(ofType(smsIssues(body), "sms_segments").isEmpty());
    }

    // --- opt-out --------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"Reply STOP to opt out", "Text STOP to end", "txt stop to quit", "STOP to unsubscribe", "Reply \"STOP\" to cancel"})
    void optOutLanguageIsRecognised(String phrase) {
        assertTrue(ofType(smsIssues("Hi, your quote is ready. " + phrase), "missing_sms_opt_out").isEmpty());
    }

    @Test
    void firstSmsWithoutOptOutIsAnError() {
        List<Issue> i = ofType(smsIssues("Hi, your quote is ready."), "missing_sms_opt_out");
        assertEquals(1, i.size());
        assertEquals(Severity.ERROR, i.get(0).severity());
        assertTrue(i.get(0).suggestion().contains("Reply STOP"));
    }

    @Test
    void onlySmsThatCanComeFirstNeedOptOut() {
        String tag = "{\"id\": \"t\", \"type\": \"add_tag\", \"config\": {\"tag\": \"x\"}, \"next\": \"b\"}";
        Workflow w = workflow("t", String.join(",", tag, sms("b", "Welcome!" + OPT_OUT, "c"), sms("c", "Still there?", "z"), END));
        assertTrue(ofType(v.validate(w), "missing_sms_opt_out").isEmpty());
        // a condition can skip straight to c, so c can be first too
        String cond = "{\"id\": \"t\", \"type\": \"condition\", \"branches\": [{\"when\": {\"has_tag\": \"vip\"}, \"next\": \"c\"}], \"default\": \"b\"}";
        Workflow skip = workflow("t", String.join(",", cond, sms("b", "Welcome!" + OPT_OUT, "c"), sms("c", "Still there?", "z"), END));
        assertEquals(List.of("c"), ofType(v.validate(skip), "missing_sms_opt_out").stream().map(Issue::stepId).toList());
    }

    @Test
    void transactionalWorkflowSkipsOptOut() {
        Workflow w = workflow("a", sms("a", "Your code is 1234", "z") + "," + END, "{\"category\": \"transactional\"}");
        assertTrue(ofType(v.validate(w), "missing_sms_opt_out").isEmpty());
    }

    // --- email compliance -----------------------------------------------------------------

    @Test
    void marketingEmailNeedsUnsubscribeAndAddress() {
        List<Issue> i = emailIssues("Your quote", "Hi there, here is your quote.", "{}");
        assertEquals(Severity.ERROR, ofType(i, "missing_unsubscribe").get(0).severity());
        assertEquals(Severity.ERROR, ofType(i, "missing_postal_address").get(0).severity());
        assertEquals("/steps/0/config/body", ofType(i, "missing_unsubscribe").get(0).pointer());
    }

    @Test
    void aLowerCaseWordBeforeANumberIsNoStateAndZip() {
        List<Issue> i = emailIssues("Big news", "We now serve up to 10000 customers a day. Unsubscribe any time.", "{}");
        assertEquals(1, ofType(i, "missing_postal_address").size(), i::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Hi.\nUnsubscribe: {{account.unsubscribe_url}}\n{{account.postal_address}}",
            "Hi.\nTo opt out, reply UNSUBSCRIBE.\nAcme Roofing, 1200 Main Street, Springfield, IL 62701",
            "Hi.\nManage your preferences here.\nPO Box 42, Austin TX 73301",
    })
    void compliantFootersPass(String body) {
        List<Issue> i = emailIssues("Your quote", body, "{}");
        assertTrue(ofType(i, "missing_unsubscribe").isEmpty(), i::toString);
        assertTrue(ofType(i, "missing_postal_address").isEmpty(), i::toString);
    }

    @Test
    void postalAddressSettingSatisfiesTheAddressRule() {
        List<Issue> i = emailIssues("Your quote", "Hi. Unsubscribe any time.", "{\"postal_address\": \"1 Main St, Springfield\"}");
        assertTrue(ofType(i, "missing_postal_address").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"category\": \"transactional\"}", "STEP"})
    void transactionalEmailSkipsCanSpam(String how) {
        List<Issue> i;
        if (how.equals("STEP")) {
            String step = "{\"id\": \"a\", \"type\": \"send_email\", \"config\": {\"subject\": \"Receipt\", \"body\": \"Thanks.\", \"transactional\": true}, \"next\": \"z\"}";
            i = v.validate(workflow("a", step + "," + END));
        } else {
            i = emailIssues("Receipt", "Thanks.", how);
        }
        assertTrue(ofType(i, "missing_unsubscribe").isEmpty());
        assertTrue(ofType(i, "missing_postal_address").isEmpty());
    }

    // --- merge fields ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = "=>", value = {
            "{{contact.first_name | default: \"there\"}}  => ",
            "{{account.name}} {{sender.name}} {{workflow.name}} => ",
            "{{contact.favourite_color | default: \"x\"}} => unknown_merge_field",
            "{{deal.amount}}                              => unknown_merge_field",
            "{{account.bank_balance}}                     => unknown_merge_field",
            "{{ first name }}                             => unknown_merge_field",
            "Hi {{contact.first_name                      => unknown_merge_field",
            "{{contact.first_name | upcase}}              => unknown_merge_field",
            "{{contact.first_name}}                       => merge_field_without_fallback",
    })
    void mergeFieldRules(String body, String expected) {
        List<Issue> i = smsIssues(body + OPT_OUT).stream()
                .filter(x -> x.type().contains("merge_field")).toList();
        if (expected == null) {
            assertEquals(List.of(), i);
        } else {
            assertEquals(List.of(expected), i.stream().map(Issue::type).toList(), i::toString);
            assertEquals("/steps/0/config/body", i.get(0).pointer());
        }
    }

    @Test
    void malformedFieldSuggestsTheNearestKnownField() {
        Issue i = ofType(smsIssues("Hi {{ first name }}" + OPT_OUT), "unknown_merge_field").get(0);
        assertEquals(Severity.ERROR, i.severity());
        assertTrue(i.suggestion().contains("{{contact.first_name}}"), i.suggestion());
    }

    @Test
    void missingFallbackSuggestsTheDefaultForm() {
        Issue i = ofType(smsIssues("Hi {{contact.first_name}}" + OPT_OUT), "merge_field_without_fallback").get(0);
        assertEquals(Severity.WARNING, i.severity());
        assertTrue(i.suggestion().contains("{{contact.first_name | default: \"there\"}}"), i.suggestion());
    }

    @Test
    void fieldSetByUpdateContactIsKnown() {
        String update = "{\"id\": \"u\", \"type\": \"update_contact\", \"config\": {\"fields\": {\"plan\": \"gold\"}}, \"next\": \"a\"}";
        Workflow w = workflow("u", String.join(",", update, sms("a", "Your {{contact.plan | default: \"new\"}} plan." + OPT_OUT, "z"), END));
        assertTrue(ofType(v.validate(w), "unknown_merge_field").isEmpty());
    }

    @Test
    void emailSubjectMergeFieldsPointAtTheSubject() {
        List<Issue> i = ofType(emailIssues("Hi {{contact.nickname | default: \"you\"}}", "Body." + FOOTER, "{}"), "unknown_merge_field");
        assertEquals("/steps/0/config/subject", i.get(0).pointer());
    }

    // --- subject lines --------------------------------------------------------------------

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiterString = "=>", value = {
            "Your quote from Acme is ready                 => ",
            "{{contact.first_name}}                        => subject_empty",
            "!!                                            => subject_empty",
            "YOUR QUOTE IS READY                           => subject_all_caps",
            "A subject line that keeps going and going and going well past what any inbox can show you => subject_too_long",
    })
    void subjectChecks(String subject, String expected) {
        List<Issue> i = emailIssues(subject, "Body." + FOOTER, "{}").stream()
                .filter(x -> x.type().startsWith("subject_")).toList();
        assertEquals(expected == null ? List.of() : List.of(expected), i.stream().map(Issue::type).toList());
    }
}
