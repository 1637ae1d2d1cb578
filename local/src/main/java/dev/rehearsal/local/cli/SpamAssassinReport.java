package dev.rehearsal.local.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rehearsal.engine.validate.SpamScorer;
import dev.rehearsal.engine.workflow.MergeFields;
import dev.rehearsal.engine.workflow.Step;
import dev.rehearsal.engine.workflow.StepType;
import dev.rehearsal.engine.workflow.Workflow;
import dev.rehearsal.local.spamassassin.MimeEmail;
import dev.rehearsal.local.spamassassin.SpamAssassin;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** `rehearse validate --spamassassin`: SpamAssassin's verdict on each email beside Rehearsal's spam score. */
final class SpamAssassinReport {
    record Email(String step, @JsonProperty("rehearsal_score") int rehearsalScore, double score, double required,
                 List<SpamAssassin.Rule> rules) {
    }

    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private SpamAssassinReport() {
    }

    static List<Email> check(Workflow w) throws Unavailable {
        SpamAssassin sa = SpamAssassin.onPath().orElseThrow(() -> new Unavailable(
                "--spamassassin needs the spamassassin command on PATH (Debian: apt-get install spamassassin); it is not available in Lambda"));
        List<Email> out = new ArrayList<>();
        for (Step s : w.steps()) {
            if (s.type() != StepType.SEND_EMAIL) continue;
            String text = MergeFields.render(s.subject() == null ? "" : s.subject(), f -> null) + "\n"
                    + MergeFields.render(s.body() == null ? "" : s.body(), f -> null);
            try {
                SpamAssassin.Verdict v = sa.check(MimeEmail.render(w, s));
                out.add(new Email(s.id(), SpamScorer.score(text, SpamScorer.Channel.EMAIL).score(), v.score(), v.required(), v.rules()));
            } catch (IOException e) {
                throw new Unavailable("spamassassin failed on email '" + s.id() + "': " + e.getMessage());
            }
        }
        return out;
    }

    static void print(List<Email> emails, PrintWriter out) {
        out.println("SpamAssassin (local rules, no network tests) on " + emails.size() + " email(s):");
        for (Email e : emails) {
            String rules = e.rules().stream().filter(r -> r.points() != 0)
                    .map(r -> r.name() + String.format(Locale.ROOT, " %+.1f", r.points())).collect(Collectors.joining(", "));
            out.printf(Locale.ROOT, "  %s: %.1f (spam at %.1f)%s; Rehearsal %d/100%n", e.step(), e.score() + 0.0, e.required(), // + 0.0: no "-0.0"
                    rules.isEmpty() ? "" : ": " + rules, e.rehearsalScore());
        }
    }
}
