package dev.rehearsal.providers.cost;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rehearsal.engine.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The AWS list prices a rehearsal in AWS pays for orchestration and storage (bundled /aws-prices.json:
 * one region, dated, each service with its source). LLM tokens are priced by {@link PriceTable}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AwsPriceList(String region, @JsonProperty("as_of") String asOf, Lambda lambda,
                           @JsonProperty("step_functions") StepFunctions stepFunctions, DynamoDb dynamodb) {
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Lambda(@JsonProperty("request_per_million") double requestPerMillion,
                         @JsonProperty("gb_second_x86_64") double gbSecondX86,
                         @JsonProperty("gb_second_arm64") double gbSecondArm64,
                         @JsonProperty("billing_granularity_ms") int billingGranularityMs, String source) {
        public double gbSecond(String architecture) {
            return "arm64".equals(architecture) ? gbSecondArm64 : gbSecondX86;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepFunctions(@JsonProperty("standard_transition_per_thousand") double standardTransitionPerThousand,
                                @JsonProperty("express_request_per_million") double expressRequestPerMillion,
                                @JsonProperty("express_gb_second") double expressGbSecond,
                                @JsonProperty("express_billing_ms") int expressBillingMs,
                                @JsonProperty("express_memory_chunk_mb") int expressMemoryChunkMb, String source) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DynamoDb(@JsonProperty("write_request_unit_per_million") double wruPerMillion,
                           @JsonProperty("read_request_unit_per_million") double rruPerMillion,
                           @JsonProperty("storage_gb_month") double storageGbMonth, String source) {
    }

    public static AwsPriceList bundled() {
        try (InputStream in = AwsPriceList.class.getResourceAsStream("/aws-prices.json")) {
            return Json.mapper().readValue(in, AwsPriceList.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled /aws-prices.json", e);
        }
    }
}
