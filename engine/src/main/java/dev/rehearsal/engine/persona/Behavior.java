package dev.rehearsal.engine.persona;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A persona's behaviour knobs, as written in its JSON ({@code behavior}); every field optional. The
 * built-in traits map onto the same knobs ({@link Traits}); what is set here wins over traits.
 *
 * @param language          BCP 47 tag of the language the lead writes in ("en", "es", "es-MX")
 * @param activeHours       when the lead answers, in the contact's zone; replies are pushed into it
 * @param replyRate         chance of writing back to one message, per channel
 * @param replyDelay        how long a reply takes: median (a duration, "30m") and spread (a factor
 *                          &ge; 1: about two in three replies fall within median/spread .. median*spread)
 * @param openRate          chance of opening an email
 * @param clickRate         chance of clicking a link in an opened email
 * @param optOutSensitivity how readily the lead opts out when provoked (0 never, 1 at once)
 * @param priceSensitivity  how much price and value decide (0 indifferent, 1 everything)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Behavior(String language,
                       @JsonProperty("active_hours") Hours activeHours,
                       @JsonProperty("reply_rate") Rates replyRate,
                       @JsonProperty("reply_delay") Delay replyDelay,
                       @JsonProperty("open_rate") Double openRate,
                       @JsonProperty("click_rate") Double clickRate,
                       @JsonProperty("opt_out_sensitivity") Double optOutSensitivity,
                       @JsonProperty("price_sensitivity") Double priceSensitivity) {

    /** The same shape as a workflow's quiet_hours; the window may wrap midnight. */
    public record Hours(String start, String end) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rates(Double sms, Double email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delay(String median, Double spread) {
    }
}
