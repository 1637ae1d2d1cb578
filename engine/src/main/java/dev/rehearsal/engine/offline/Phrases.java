package dev.rehearsal.engine.offline;

import java.util.List;
import java.util.SplittableRandom;

/** Phrase banks the offline engine composes replies from; {topic} and {competitor} are filled in. */
final class Phrases {
    private Phrases() {
    }

    static final List<String> STOP = List.of("STOP", "Stop", "STOP. Please remove this number.", "stop texting me",
            "STOP - not interested", "Unsubscribe. STOP.");
    static final List<String> REMOVE_EMAIL = List.of("Please remove me from your list.", "Unsubscribe me.",
            "Not interested. Take me off this list.");
    static final List<String> NOT_INTERESTED = List.of("Not interested, thanks.", "No thanks.", "I'm all set.",
            "Please don't contact me again.");

    static final List<String> EAGER_YES = List.of("Yes! I'm interested.", "Absolutely, count me in!",
            "Yes please, that's exactly what I need.", "Love it, let's do it!", "Yes! What are the next steps?");
    static final List<String> EAGER_BOOK = List.of("Book me for tomorrow morning if you have it!",
            "Yes! Thursday at 10 works great, book it.", "Let's do it, grab me the first open slot.",
            "Yes, schedule the {topic} — any time this week works.");
    static final List<String> CONFIRM = List.of("C", "Confirmed, see you then!", "Yes, confirmed.", "Yep, I'll be there.");

    static final List<String> SKEPTIC_Q = List.of("How is this different from {competitor}?",
            "What's the catch?", "Do you have reviews from businesses like mine?", "Who else uses this?",
            "Why would I switch from {competitor}?", "How do I know this actually works?");
    static final List<String> SKEPTIC_URGENCY = List.of("Pressure tactics don't work on me.",
            "If it's only good today, it isn't for me.", "I don't make decisions on a deadline like that.");
    static final List<String> SKEPTIC_WARM = List.of("Okay, those reviews help. What would the {topic} cover?",
            "That's more convincing. I could do a short {topic} next week.",
            "Fair enough. Send me a case study and I'll look.");

    static final List<String> PRICE_ASK = List.of("How much is it?", "What does the {topic} cost?",
            "What's the price? I'm on a budget.", "Before anything else, what does it cost?",
            "Is there a monthly fee? How much?");
    static final List<String> PRICE_OBJECT = List.of("That's more than I can spend right now. Any discount?",
            "Hmm, pricey. Is there a cheaper plan?", "{competitor} is cheaper. Can you match it?",
            "Too expensive for me. Do you have a coupon?");
    static final List<String> PRICE_DEAL = List.of("If that discount is real I'm in. How do I sign up?",
            "Okay, at that price I'll try it.", "That works for my budget. Let's go.");

    static final List<String> TECH_Q = List.of("Does it integrate with Salesforce? Is there a REST API?",
            "What are the specs? Do you support SSO and SAML?",
            "Is the data encrypted at rest? Any SOC 2 report?",
            "Can you send the API docs and rate limits?",
            "Which integrations do you support, and is there a webhook for new leads?");
    static final List<String> TECH_WARM = List.of("The docs look solid. Can we do a technical {topic} with an engineer?",
            "Thanks, the integration details answer my questions. Let's set up a {topic}.",
            "Good, that covers security. I'd like a sandbox account.");

    static final List<String> BUSY = List.of("ok", "busy. later", "send info", "call next wk", "k thx", "not now");
    static final List<String> BUSY_YES = List.of("yes", "ok book it", "C", "sure");

    static final List<String> CHATTY_OPEN = List.of(
            "Oh how fun, thanks for reaching out!",
            "Well hello! Your message made my morning.",
            "Funny timing, I was just telling my sister about this very thing!",
            "Thank you so much for checking in, that's so thoughtful.");
    static final List<String> CHATTY_STORY = List.of(
            "We've had such a busy season at the shop, the holiday rush nearly wore me out.",
            "My last provider never called back, so I really appreciate hearing from a real person.",
            "I've been meaning to get more organized ever since we moved into the new space downtown.",
            "My daughter keeps telling me I need to get with the times, so here I am!");
    static final List<String> CHATTY_Q = List.of("How long does the {topic} take?", "Can I bring my business partner?",
            "Do you work with small shops like mine?", "What should I prepare beforehand?",
            "Is it something I can do from my phone?", "Do you have weekend hours?");
    static final List<String> CHATTY_CLOSE = List.of("Anyway, I'd love to hear more!", "Talk soon!",
            "Let me know, I'm excited!", "Thanks again, you're a gem.");

    static final List<String> NEUTRAL = List.of("Thanks, I'll think about it.", "Got it.", "Maybe later.",
            "I'll take a look when I have a minute.");
    static final List<String> INTERESTED = List.of("Sounds good, tell me more.", "Interested. What's next?",
            "Could work for us. How do we start?");
    static final List<String> COMPETITORS = List.of("HubSpot", "GoHighLevel", "our current agency", "Mailchimp",
            "the tool we use now");

    static String pick(List<String> bank, SplittableRandom rnd) {
        return bank.get(rnd.nextInt(bank.size()));
    }
}
