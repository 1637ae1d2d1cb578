package dev.rehearsal.engine.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a simulated lead knows about the situation, built by code from the workflow: who the business
 * is ({@code business}: the sender name, else the workflow's name; {@code vertical} when the workflow
 * declares one), the workflow's name ({@code campaign}), whether the lead wrote first (an inbound-triggered
 * flow whose first step waits for the lead) and the contact's time zone. Never what is being tested.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Situation(String business, String vertical, String campaign,
                        @JsonProperty("lead_wrote_first") boolean leadWroteFirst, String timezone) {
}
