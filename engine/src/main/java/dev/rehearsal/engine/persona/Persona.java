package dev.rehearsal.engine.persona;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * A simulated lead: the seed's shape (name, description, personality, demographics,
 * behavior_traits) plus the contact record its merge fields read, and optional behaviour knobs
 * ({@link Behavior}) that traits map onto.
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL)
public record Persona(
        String id,
        String name,
        String description,
        Personality personality,
        Map<String, String> demographics,
        @JsonProperty("behavior_traits") List<String> behaviorTraits,
        Map<String, String> contact,
        @JsonProperty("built_in") boolean builtIn,
        Behavior behavior) {

    /** A persona with no behavior object: its traits and personality decide. */
    public Persona(String id, String name, String description, Personality personality, Map<String, String> demographics,
                   List<String> behaviorTraits, Map<String, String> contact, boolean builtIn) {
        this(id, name, description, personality, demographics, behaviorTraits, contact, builtIn, null);
    }

    public Persona {
        demographics = demographics == null ? Map.of() : Map.copyOf(demographics);
        behaviorTraits = behaviorTraits == null ? List.of() : List.copyOf(behaviorTraits);
        contact = contact == null ? Map.of() : Map.copyOf(contact);
    }

    public boolean hasTrait(String trait) {
        return behaviorTraits.contains(trait);
    }

    /** The contact's IANA time zone, or null to use the workflow's default. */
    @JsonIgnore
    public String timezone() {
        String tz = contact.get("timezone");
        return tz != null ? tz : demographics.get("timezone");
    }

    public Persona withId(String newId, boolean isBuiltIn) {
        return new Persona(newId, name, description, personality, demographics, behaviorTraits, contact, isBuiltIn, behavior);
    }

    public record Personality(
            String tone,
            @JsonProperty("response_length") String responseLength,
            @JsonProperty("decision_speed") String decisionSpeed,
            @JsonProperty("objection_likelihood") String objectionLikelihood) {
    }
}
