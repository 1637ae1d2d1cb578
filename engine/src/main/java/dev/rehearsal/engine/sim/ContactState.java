package dev.rehearsal.engine.sim;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The simulated contact as the CRM would hold it: fields, tags, opt-outs per channel, replies,
 * email engagement and what was sent when. Mutable; serialised as part of a {@link SimulationSession}.
 */
public final class ContactState {
    public TreeMap<String, String> fields = new TreeMap<>();
    public TreeSet<String> tags = new TreeSet<>();
    @JsonProperty("sms_opted_out_at")
    public Long smsOptedOutAt;
    @JsonProperty("email_unsubscribed_at")
    public Long emailUnsubscribedAt;
    /** Replies in arrival order, including ones still "in flight" (arrives_at after the clock). */
    public List<ReplyRecord> replies = new ArrayList<>();
    /** When the last email sent was opened / clicked (virtual time), or null. */
    @JsonProperty("last_email_opened_at")
    public Long lastEmailOpenedAt;
    @JsonProperty("last_email_clicked_at")
    public Long lastEmailClickedAt;
    /** Virtual times of every message sent, for frequency checks. */
    @JsonProperty("sent_at")
    public List<Long> sentAt = new ArrayList<>();
    public TreeSet<String> goals = new TreeSet<>();
    /** When the workflow last looked at replies (a wait_for_reply, or a condition that reads them). */
    @JsonProperty("replies_checked_at")
    public Long repliesCheckedAt;

    public static ContactState from(Map<String, String> contactFields) {
        ContactState c = new ContactState();
        c.fields.putAll(contactFields);
        if (!c.fields.containsKey("full_name") && c.fields.containsKey("first_name")) {
            c.fields.put("full_name", (c.fields.get("first_name") + " " + c.fields.getOrDefault("last_name", "")).trim());
        }
        return c;
    }

    public boolean lastEmailOpened(long now) {
        return lastEmailOpenedAt != null && lastEmailOpenedAt <= now;
    }

    public boolean lastEmailClicked(long now) {
        return lastEmailClickedAt != null && lastEmailClickedAt <= now;
    }

    public boolean smsOptedOut(long now) {
        return smsOptedOutAt != null && smsOptedOutAt <= now;
    }

    public boolean emailUnsubscribed(long now) {
        return emailUnsubscribedAt != null && emailUnsubscribedAt <= now;
    }

    /** The earliest reply that arrived after the workflow last looked and by {@code now}, or null. */
    public ReplyRecord unhandledReply(long now) {
        ReplyRecord first = null;
        for (ReplyRecord r : replies) {
            boolean unseen = repliesCheckedAt == null || r.arrivesAt() > repliesCheckedAt;
            if (unseen && !r.consumed() && r.arrivesAt() <= now && (first == null || r.arrivesAt() < first.arrivesAt())) first = r;
        }
        return first;
    }

    /** The latest reply that has arrived by {@code now}, or null. */
    public ReplyRecord lastReply(long now) {
        ReplyRecord last = null;
        for (ReplyRecord r : replies) if (r.arrivesAt() <= now && (last == null || r.arrivesAt() >= last.arrivesAt())) last = r;
        return last;
    }
}
