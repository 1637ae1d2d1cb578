package dev.rehearsal.providers.prompt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.llm.Action;
import dev.rehearsal.engine.llm.Channel;
import dev.rehearsal.engine.llm.OutboundMessage;
import dev.rehearsal.engine.llm.PersonaReply;
import dev.rehearsal.engine.llm.ReplyRequest;
import dev.rehearsal.engine.llm.Turn;
import dev.rehearsal.engine.offline.OfflinePersonaEngine;
import dev.rehearsal.engine.persona.Persona;

import java.util.ArrayList;
import java.util.List;

/**
 * Calibration examples for one persona: a fixed catalogue of representative marketing messages,
 * each followed by the record the offline persona engine gives for this persona (fixed seed, the
 * catalogue received in order). They show an LLM persona how often, how fast and with which
 * intents and actions the calibrated simulator's version of this person reacts, so LLM and
 * offline rehearsals of the same persona agree on habits while the LLM writes its own words.
 *
 * <p>Deterministic: the same persona always gets the same bytes, so the examples can sit in the
 * cached system prefix. {@link PersonaPromptBuilder} appends as many whole examples as it needs to
 * reach a provider's minimum cacheable prefix.
 */
public final class CalibrationExamples {
    /** Fixed seed for the offline engine: examples never change from run to run. */
    static final long SEED = 20_251_125L;
    static final String COMPANY = "Brightline";

    static final String HEADING = """
            Calibration: how this person reacted to typical marketing messages in earlier rehearsals, in the \
            order received. Each example is the message, then the record of what they did. Match these habits \
            (how often they answer at all, how fast, which intents and actions, how likely they are to convert) \
            when you decide; do not copy the wording, and judge each new message on its own content.""";

    /** The catalogue: {@code {name}} is the persona's first name. Order matters (it is the order received). */
    static final List<OutboundMessage> CATALOGUE = List.of(
            sms("c1", "Hi {name}, it's Maya from Brightline. New customers get a free trial month this spring, no card "
                    + "needed. Want me to set it up for you? Reply STOP to opt out."),
            email("c2", "A simpler way to follow up with every lead",
                    "Hi {name},\n\nMost small teams lose leads not because the offer is wrong but because nobody "
                            + "follows up in time. Brightline sends the right message at the right moment, by text or "
                            + "email, and tells you who is ready to talk.\n\nOur spring offer includes onboarding with a "
                            + "specialist and templates for your industry. Interested? Just reply to this email and I'll "
                            + "tell you more.\n\nMaya\nBrightline"),
            sms("c3", "{name}, the Pro plan is $49/month, and with this week's offer it's 20% off your first year. Reply YES "
                    + "to lock it in. Reply STOP to opt out."),
            sms("c4", "Just checking in, {name}. Did you get a chance to look at the free trial I sent? No rush at all."),
            email("c5", "How Fabrikam cut no-shows by 38%",
                    "Hi {name},\n\nFabrikam Dental was losing about one appointment in five to no-shows. Three months "
                            + "after switching on Brightline reminders, no-shows fell by 38% and the front desk got back "
                            + "six hours a week.\n\n\"We stopped chasing patients and started seeing them.\" Dr. Lena "
                            + "Ortiz, Fabrikam\n\nBrightline is rated 4.8 stars from 1,200 reviews, and more than 3,000 "
                            + "customers use it every day. Read the full case study: https://brightline.io/stories/fabrikam"
                            + "\n\nMaya"),
            sms("c6", "HUGE SPRING SALE!!! 50% OFF EVERY PLAN, TODAY ONLY. Act now before this offer is GONE: brightline.ly/sale "
                    + "Reply STOP to opt out."),
            email("c7", "Integrations, API and security: the technical overview",
                    "Hi {name},\n\nYou asked how Brightline fits your stack. In short: a REST API and webhooks for every "
                            + "event, native integrations with Salesforce, HubSpot and Zapier, SSO with SAML, encryption at "
                            + "rest and in transit, SOC 2 Type II, GDPR data processing agreement, and 99.95% uptime over "
                            + "the last 12 months. Our latest security audit report is available on request.\n\nThe documentation, including rate limits and data export, is here: "
                            + "https://docs.brightline.io/api\n\nHappy to answer anything the docs don't.\n\nMaya"),
            sms("c8", "{name}, want to see it live? Book a 20-minute demo with our team here: brightline.io/book. Pick any "
                    + "slot that suits you."),
            sms("c9", "Reminder: your consultation with Dana is tomorrow at 3:00 PM. Reply C to confirm or R to reschedule."),
            email("c10", "Brightline monthly: 5 follow-up ideas for May",
                    "Hi {name},\n\nThis month in the newsletter: five follow-up messages that get replies, what we "
                            + "learned from 10,000 appointment reminders, a new template library for service businesses, and "
                            + "an invitation to our Thursday webinar on writing texts people actually answer.\n\nRead it "
                            + "online: https://brightline.io/newsletter/may\n\nThe Brightline team\n\nYou receive this "
                            + "because you signed up at brightline.io. Unsubscribe any time with one click."),
            sms("c11", "Quick question, {name}: what's the one thing that slows down your follow-ups during the trial? "
                    + "Just reply with a word or two."),
            email("c12", "Your Brightline quote",
                    "Hi {name},\n\nAs promised, here is your quote: the Team plan for 5 seats is $245 per month billed "
                            + "annually, or $290 month to month. It includes unlimited contacts, text and email sequences, "
                            + "and priority support.\n\nIf the numbers work for you, reply and I'll send the agreement. "
                            + "Questions about the price are welcome too.\n\nMaya"),
            sms("c13", "Last chance, {name}: your $100 discount coupon expires at midnight tonight. Don't miss it, reply DEAL and "
                    + "I'll apply it. Reply STOP to opt out."),
            email("c14", "Ready when you are: book your onboarding call",
                    "Hi {name},\n\nYou're all set to get started. The next step is a 30-minute onboarding call where we "
                            + "import your contacts and build your first sequence together.\n\nPick a slot on my calendar: "
                            + "https://brightline.io/book/maya\n\nSee you soon,\nMaya"),
            sms("c15", "Hi {name}, Dana here from Brightline. Thanks for your time on the call today! Any questions "
                    + "about what we covered? Text me anytime."),
            email("c16", "Should I close your file?",
                    "Hi {name},\n\nI haven't heard back, so I'll assume the timing isn't right. Unless you tell me "
                            + "otherwise, this is my last email about the free trial.\n\nIf things change, reply to this "
                            + "email or visit https://brightline.io and we'll pick up where we left off.\n\nAll the best,\nMaya"
                            + "\n\nUnsubscribe from Brightline emails."),
            sms("c17", "Glad the trial is going well, {name}! Know someone who'd like it? Refer a friend and you both get "
                    + "a month free. Reply STOP to opt out."),
            email("c18", "Live webinar Thursday: texts people actually answer",
                    "Hi {name},\n\nJoin us this Thursday at 1 PM ET for a 40-minute live webinar. Our head of customer "
                            + "success will rewrite real follow-up texts sent in by the audience and show what changed the "
                            + "reply rate. There is time for questions at the end, and everyone who attends gets the "
                            + "template pack.\n\nReserve your seat: https://brightline.io/webinar\n\nMaya"),
            sms("c19", "See you today at 4:30 PM for your tour of the Brightline studio, {name}. Reply 1 to confirm or "
                    + "call us to move it."),
            email("c20", "New: two-way texting from your inbox",
                    "Hi {name},\n\nStarting today you can read and answer your leads' texts right next to your email, "
                            + "with the whole conversation in one thread. Replies are logged on the contact automatically, "
                            + "and your team can see who answered what.\n\nIt's included in every plan, and you can try it "
                            + "during your free trial. Here's a one-minute video: https://brightline.io/inbox\n\nMaya"),
            sms("c21", "How was your demo with Alex, {name}? Reply with a number from 0 to 10, it helps us a lot."),
            email("c22", "Brightline vs. the big suites: an honest comparison",
                    "Hi {name},\n\nPeople often ask how we compare with the large all-in-one suites. The short answer: "
                            + "they do more, we do follow-up better. You get sequences by text and email, booking links and "
                            + "reply tracking without a six-week setup or a consultant.\n\nWe put the differences side by "
                            + "side, including what we don't do: https://brightline.io/compare\n\nIf you'd rather see it "
                            + "with your own data, your free trial is one click away.\n\nMaya"),
            sms("c23", "{name}, you started signing up for your free trial but didn't finish. Need a hand? Just reply here."),
            email("c24", "Prices change on June 1: keep today's rate",
                    "Hi {name},\n\nOn June 1 the Starter plan moves from $29 to $35 per seat per month. Anyone who "
                            + "signs up before then keeps today's price for as long as they stay with us.\n\nThis offer "
                            + "applies to new annual and monthly plans. Reply if you'd like me to set it up.\n\nMaya"),
            sms("c25", "Happy Friday, {name}! Book a consultation by Sunday and we'll waive the setup fee. "
                    + "Reply STOP to opt out."),
            email("c26", "Week one with Brightline: three quick wins",
                    "Hi {name},\n\nThree things to do in the first week of your trial:\n1. Import your contacts "
                            + "from a spreadsheet (about five minutes).\n2. Turn on the missed-call text-back so no caller "
                            + "goes unanswered.\n3. Copy the \"new lead\" sequence and change the first message to your "
                            + "own words.\n\nThat's it. Teams that do these three usually see their first replies within "
                            + "a day.\n\nMaya"),
            sms("c27", "Sorry we missed you, {name}! We tried to call about your quote. When's a good time to talk?"),
            email("c28", "Your free guide: 12 follow-up templates",
                    "Hi {name},\n\nHere's the guide you asked for: twelve follow-up templates for text and email, with "
                            + "notes on when to send each one and what to change for your industry.\n\nDownload it here: "
                            + "https://brightline.io/guide\n\nWhen you want to put them on autopilot, they come preloaded "
                            + "in the free trial.\n\nMaya"),
            sms("c29", "Your free trial ends in 3 days, {name}. Upgrade to keep your sequences running: brightline.io/upgrade"),
            email("c30", "Watch: how a 3-person agency books 40 meetings a month",
                    "Hi {name},\n\nNorthgate Marketing is three people. With Brightline sequences and booking links "
                            + "they book around 40 discovery meetings a month, up from a dozen. In this four-minute video "
                            + "their founder shows the exact setup.\n\nThey are one of 3,000 customers who rate us 4.8 "
                            + "stars. Watch it here: https://brightline.io/stories/northgate\n\nWant the same setup? "
                            + "Book a demo and we'll build it with you.\n\nMaya"),
            sms("c31", "{name}, can we confirm your mailing address for the free audit kit? Reply YES to confirm."),
            email("c32", "Brightline is now SOC 2 Type II certified",
                    "Hi {name},\n\nOur SOC 2 Type II audit is complete: an independent firm tested our security, "
                            + "availability and confidentiality controls over six months. The report is available under "
                            + "NDA, together with our GDPR documentation and subprocessor list: "
                            + "https://brightline.io/security\n\nMaya"),
            sms("c33", "Hi {name}, Sam here, founder of Brightline. I read every reply myself: what would make our offer "
                    + "a yes for you?"),
            email("c34", "Black Friday: the annual plan for $199 (save $89)",
                    "Hi {name},\n\nOnce a year we discount the annual plan: until Monday it's $199 instead of $288, "
                            + "everything included. The discount stays for as long as you renew.\n\nClaim it here: "
                            + "https://brightline.io/bf\n\nMaya\n\nUnsubscribe from promotional emails."),
            sms("c35", "Starting in 1 hour: our live webinar on follow-ups that convert. Join here: brightline.io/live"),
            email("c36", "It's been a while, {name}",
                    "Hi {name},\n\nIt's been a few months since we last spoke. A lot has changed: two-way texting, "
                            + "booking links and a simpler price. If you'd like a second look, here's an offer: your first "
                            + "month free, no card needed.\n\nJust reply \"interested\" and I'll set it up.\n\nMaya"
                            + "\n\nUnsubscribe from Brightline emails."),
            sms("c37", "{name}, quick heads-up: our support line is open Saturday this week if you want help with your "
                    + "trial setup. Just reply here."),
            email("c38", "Can I send you a quote?",
                    "Hi {name},\n\nYou mentioned you have a team of five. I can put together a quote with the seats, "
                            + "the onboarding package and the text-message volume you'd need, so you know the full cost "
                            + "before deciding anything.\n\nWhat's the best number of seats to price? Reply with a "
                            + "number and I'll send it today.\n\nMaya"),
            sms("c39", "LAST CHANCE {name}!!! FREE setup ends TONIGHT. Claim your free trial now: brightline.ly/go "
                    + "Reply STOP to opt out."),
            email("c40", "Your appointment is confirmed",
                    "Hi {name},\n\nThanks for booking. Your consultation with Dana is on Tuesday at 11:00 AM by video "
                            + "call; the link is in the calendar invite. To make the most of it, have a rough count of "
                            + "your monthly leads handy.\n\nNeed to change the time? Use the link in the invite or reply "
                            + "to this email.\n\nSee you then,\nMaya"));

    private CalibrationExamples() {
    }

    /** The rendered examples for {@code p}, one string each, in catalogue order. */
    public static List<String> forPersona(Persona p) {
        String name = p.contact().getOrDefault("first_name", "there");
        OfflinePersonaEngine engine = new OfflinePersonaEngine();
        List<Turn> received = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < CATALOGUE.size(); i++) {
            OutboundMessage m = withName(CATALOGUE.get(i), name);
            PersonaReply r = engine.respond(new ReplyRequest(p, m, received, SEED, i, i * 86_400_000L, null));
            out.add(render(i + 1, m, r));
            received.add(new Turn(false, m.channel(), m.subject(), m.body(), i * 86_400_000L));
            if (r.replied()) received.add(new Turn(true, m.channel(), null, r.response(), i * 86_400_000L + 60_000));
        }
        return out;
    }

    static String render(int n, OutboundMessage m, PersonaReply r) {
        ObjectNode o = Json.mapper().createObjectNode();
        if (r.response() == null) o.putNull("response");
        else o.put("response", r.response());
        o.put("intent", r.intent().wire());
        o.put("sentiment", r.sentiment().wire());
        ArrayNode actions = o.putArray("actions");
        for (Action a : r.actions()) actions.add(a.wire());
        o.put("likely_to_convert", r.likelyToConvert());
        if (r.replyLatencyMinutes() == null) o.putNull("reply_latency_minutes");
        else o.put("reply_latency_minutes", r.replyLatencyMinutes());
        return "Example " + n + " " + PersonaPromptBuilder.render(m) + "\n=> " + Json.write(o);
    }

    private static OutboundMessage withName(OutboundMessage m, String name) {
        return new OutboundMessage(m.stepId(), m.channel(), m.subject(), m.body().replace("{name}", name));
    }

    private static OutboundMessage sms(String id, String body) {
        return new OutboundMessage(id, Channel.SMS, null, body);
    }

    private static OutboundMessage email(String id, String subject, String body) {
        return new OutboundMessage(id, Channel.EMAIL, subject, body);
    }
}
