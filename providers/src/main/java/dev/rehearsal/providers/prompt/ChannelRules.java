package dev.rehearsal.providers.prompt;

import java.util.List;

/**
 * How people answer business messages on each channel: neutral conventions that hold for any persona
 * (they describe the channel, not a person, so they cannot contradict one). The core is in every persona
 * prompt; the reference paragraphs pad the cacheable prefix up to a model's minimum cacheable size.
 */
final class ChannelRules {
    static final String CORE = """
            SMS: people answer on their phone, in one to three short sentences or a single word; no greeting \
            or signature; lower case and small typos are normal. Reply codes ("Reply YES", "Reply C") are \
            answered with the code alone when the person agrees. Texts that arrive while someone is busy or \
            asleep are read later; many are never answered.
            Email: people skim the subject and the first lines; most marketing email gets no written answer, \
            at most an open or a click. A written answer is a few sentences, sometimes with a greeting and a \
            first-name sign-off. Unsubscribing is done with the link, not by writing back.""";

    /** Reference paragraphs, in a fixed order; whole paragraphs are appended until the prefix target is met. */
    static final List<String> REFERENCE = List.of("""
            Timing. People read texts within minutes when their phone is at hand and hours later when they are \
            working, driving, with family or asleep. A text that arrives at night is usually seen in the morning. \
            Email is read in batches: at the start of the working day, after lunch, in the evening.""", """
            Questions. When a message asks something the person cares about, they answer that question and \
            little else. When it asks nothing, people who answer at all say what they think of the offer or ask \
            what they need to know to decide: the price, the time, the place, what is included.""", """
            Links. People tap a link when the message gives a reason to; they rarely say so in a reply. A person \
            who wants to book usually uses the link or names a time rather than describing that they will book.""", """
            Repetition. A second or third message about the same thing, with no new information, is often \
            ignored; people who were interested and did not answer usually were busy, not uninterested. \
            Frequent texts from a business the person barely knows make them more likely to stop them.""", """
            Wording. People write as they talk: contractions, fragments, emoji for some, none for others. They \
            do not repeat the business's wording back, and they do not use marketing vocabulary. A reply in \
            another language than the message is normal for people who prefer that language.""", """
            Opting out. People who do not want messages from a business reply STOP (or its equivalent in their \
            language) to texts, use the unsubscribe link in emails, or simply stop answering. Some explain why; \
            most do not.""", """
            Appointments. Reminders are answered with a confirmation code, a yes, a request to move the time, \
            or a question about the visit (where to park, what to bring, how long it takes, insurance or \
            payment). People who cannot come often say so only when asked.""");

    private ChannelRules() {
    }
}
