package dev.rehearsal.engine.offline;

import dev.rehearsal.engine.llm.OutboundMessage;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a message says, as the offline engine reads it: cheap keyword cues, no NLP. */
public record MessageFeatures(boolean mentionsPrice, boolean statesPrice, boolean discount, boolean bookingCta,
                              boolean confirmRequest, boolean reminder, boolean asksQuestion, boolean hasLink,
                              boolean proof, boolean technical, boolean urgency, boolean shouting, String topic) {

    private static final Pattern PRICE = Pattern.compile("\\b(price|pricing|cost|costs|offer|deal|save|sale|coupon|promo|discount|plan|plans|free)\\b|\\$|\\d+ ?%");
    private static final Pattern STATED_PRICE = Pattern.compile("\\$ ?\\d");
    private static final Pattern DISCOUNT = Pattern.compile("\\d+ ?% ?off|\\bdiscount|\\bcoupon|\\bpromo|\\bsave \\$");
    private static final Pattern BOOKING = Pattern.compile("\\b(book|schedule|appointment|call|demo|consult\\w*|reserve|slot|meeting|calendar|visit|tour)\\b");
    private static final Pattern CONFIRM = Pattern.compile("\\breply (yes|y|c|1|confirm)\\b|\\bto confirm\\b|\\bconfirm\\b");
    private static final Pattern REMINDER = Pattern.compile("\\b(reminder|tomorrow|today at|see you|upcoming)\\b");
    private static final Pattern LINK = Pattern.compile("https?://|www\\.|\\b[a-z0-9-]+\\.(com|io|ly|co|net)/");
    private static final Pattern PROOF = Pattern.compile("\\b(review|reviews|testimonial|case study|customers|rated|stars|trusted|clients)\\b");
    private static final Pattern TECH = Pattern.compile("\\b(integration|integrations|api|security|spec|specs|documentation|docs|sso|encryption|uptime|soc ?2|gdpr|webhook)\\b");
    private static final Pattern URGENCY = Pattern.compile("\\b(act now|limited time|urgent|today only|last chance|expires|hurry|don't miss|ends tonight)\\b");
    private static final Pattern CAPS = Pattern.compile("\\b[A-Z]{4,}\\b");
    private static final List<String> TOPICS = List.of("free trial", "demo", "consultation", "consult", "trial", "quote",
            "estimate", "appointment", "webinar", "membership", "class", "audit", "session", "walkthrough", "visit",
            "discount", "offer", "tour", "call");

    public static MessageFeatures of(OutboundMessage m) {
        String raw = (m.subject() == null ? "" : m.subject() + "\n") + (m.body() == null ? "" : m.body());
        String t = raw.toLowerCase(Locale.ROOT);
        String topic = TOPICS.stream().filter(t::contains).findFirst().orElse(null);
        long capsWords = CAPS.matcher(raw.replaceAll("\\bSTOP\\b", "")).results().count();
        return new MessageFeatures(PRICE.matcher(t).find(), STATED_PRICE.matcher(t).find(), DISCOUNT.matcher(t).find(),
                BOOKING.matcher(t).find(), CONFIRM.matcher(t).find(), REMINDER.matcher(t).find(), raw.contains("?"),
                LINK.matcher(t).find(), PROOF.matcher(t).find(), TECH.matcher(t).find(), URGENCY.matcher(t).find(),
                capsWords >= 2, topic);
    }

    public String topicOr(String fallback) {
        return topic == null ? fallback : topic;
    }
}
