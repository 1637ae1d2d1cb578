package dev.rehearsal.providers.bench;

import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.OutboundMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed 30-step drip conversation (SMS and email, the lead answering about two steps in three),
 * the same input for every prompt format the benchmark compares.
 */
public final class SampleTranscript {
    public record Step(OutboundMessage message, String reply) {
    }

    private static final String[] SMS = {
            "Hi {name}, thanks for signing up for Northwind CRM! Reply YES and we'll set up a quick 15-minute demo this week.",
            "Quick tip: teams that import their contacts in week one close 23% more deals. Need a hand? Just reply here.",
            "{name}, your free trial has 10 days left. Want me to walk you through automations? Reply with a time that suits.",
            "Reminder: your demo with Alex is tomorrow at 10:00. Reply C to confirm or R to reschedule. Reply STOP to opt out.",
            "Last call: 20% off annual plans ends Friday. Reply DEAL and I'll send the link. Reply STOP to opt out.",
    };
    private static final String[] EMAIL_SUBJECTS = {
            "Welcome to Northwind CRM: your first three steps",
            "How Fabrikam doubled their reply rate in 30 days",
            "Your questions about pricing, answered",
            "Compare us: Northwind vs. the big suites",
            "A short guide to automations that actually convert",
    };
    private static final String EMAIL_BODY = "Hi {name},\n\nThanks for giving Northwind CRM a try. Most teams we work with "
            + "start by importing their contacts, connecting their inbox and building one simple follow-up sequence. "
            + "That alone usually saves a few hours a week and makes sure no lead goes cold.\n\nThis week we put together a "
            + "short guide with the exact templates our best customers use, plus a two-minute video showing how to set "
            + "up reply tracking. If anything is unclear, just hit reply: a real person on our team reads every message.\n\n"
            + "Best,\nAlex from Northwind\n\nYou are receiving this because you signed up at northwind.example. Unsubscribe any time.";
    private static final String[] REPLIES = {
            "How is this different from HubSpot? We already pay for that.",
            "Do you have reviews from agencies our size?",
            "What does the annual plan cost for 5 seats, exactly?",
            "Not this week, I'm swamped. Maybe next Tuesday afternoon.",
            "Can I export everything if we leave? That's a dealbreaker for us.",
            "Send me the case study, I'll look at it over the weekend.",
            "Ok, Tuesday 2pm works. Please send an invite.",
    };

    private SampleTranscript() {
    }

    public static List<Step> steps(int n, String firstName) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OutboundMessage m = i % 3 == 1
                    ? new OutboundMessage("e" + i, Channel.EMAIL, EMAIL_SUBJECTS[i % EMAIL_SUBJECTS.length],
                    EMAIL_BODY.replace("{name}", firstName))
                    : new OutboundMessage("s" + i, Channel.SMS, null, SMS[i % SMS.length].replace("{name}", firstName));
            String reply = i % 3 == 2 ? null : REPLIES[i % REPLIES.length];
            out.add(new Step(m, reply));
        }
        return out;
    }
}
