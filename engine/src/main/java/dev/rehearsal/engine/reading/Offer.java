package dev.rehearsal.engine.reading;

/**
 * What a message offers, as value a lead can weigh: a stated {@code price} (as written, e.g. "$39/month",
 * null when none), something {@code free}, a {@code discount}, a {@code trial}.
 */
public record Offer(String price, boolean free, boolean discount, boolean trial) {
    public static final Offer NONE = new Offer(null, false, false, false);

    /** True when the lead can tell what they get and what it costs. */
    public boolean clearValue() {
        return price != null || free || trial || discount;
    }

    public boolean any() {
        return clearValue();
    }
}
