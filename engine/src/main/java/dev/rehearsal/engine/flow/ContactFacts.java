package dev.rehearsal.engine.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * What the contact may have done, or had done to them, on some path to a step ("may" facts: true
 * when at least one path allows it). Bits for the conversation, a set for the tags that may be set,
 * a set for the fields an update_contact step may have filled.
 */
public final class ContactFacts {
    public static final int SENT_SMS = 1, SENT_EMAIL = 2;
    /** A reply may be visible to reply conditions (it arrived, and time passed after a send). */
    public static final int REPLY = 4;
    /** A reply may have been taken by an earlier wait_for_reply's on_reply (it stays visible). */
    public static final int REPLY_TAKEN = 8;
    public static final int SMS_OPTED_OUT = 16, EMAIL_UNSUBSCRIBED = 32;
    /** The last email sent may have been opened or clicked (a new email resets this until time passes). */
    public static final int EMAIL_ENGAGED = 64;
    /** A "must" fact: on every path to here some wait took a reply, so {@code replied} is true. */
    public static final int REPLIED_ON_EVERY_PATH = 128;

    final int bits;
    /** Tag and field sets as bit words: {@code tags[tagOffset .. tagOffset + names.tagWords())}. */
    private final long[] tags, fields;
    private final int tagOffset, fieldOffset;
    private final Vocabulary names;

    ContactFacts(int bits, long[] tags, int tagOffset, long[] fields, int fieldOffset, Vocabulary names) {
        this.bits = bits;
        this.tags = tags;
        this.tagOffset = tagOffset;
        this.fields = fields;
        this.fieldOffset = fieldOffset;
        this.names = names;
    }

    static ContactFacts none(Vocabulary names) {
        return new ContactFacts(0, new long[names.tagWords()], 0, new long[names.fieldWords()], 0, names);
    }

    public boolean may(int bit) {
        return (bits & bit) != 0;
    }

    public boolean mayHaveTag(String tag) {
        return has(tags, tagOffset, names.tag(tag));
    }

    /** Whether an update_contact step on some path to here may have set this contact field. */
    public boolean mayHaveSetField(String field) {
        return has(fields, fieldOffset, names.field(field));
    }

    private static boolean has(long[] words, int offset, int i) {
        return i >= 0 && (words[offset + (i >> 6)] & (1L << i)) != 0;
    }

    public List<String> tags() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.tags.size(); i++) if (has(tags, tagOffset, i)) out.add(names.tags.get(i));
        return out;
    }

    public List<String> fieldsSet() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.fields.size(); i++) if (has(fields, fieldOffset, i)) out.add(names.fields.get(i));
        return out;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        String[] names = {"sent_sms", "sent_email", "reply", "reply_taken", "sms_opted_out", "email_unsubscribed", "email_engaged",
                "replied_on_every_path"};
        for (int i = 0; i < names.length; i++) if ((bits & (1 << i)) != 0) b.append(b.length() == 0 ? "" : ",").append(names[i]);
        return "{" + b + " tags=" + tags() + " fields=" + fieldsSet() + "}";
    }
}
