package dev.rehearsal.engine.sim;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.rehearsal.engine.sim.SimulationRunner.PersonaRun;

import java.util.Locale;

/**
 * What a walk's outcome is attributable to. Only {@code WORKFLOW} and {@code MAX_STEPS} walks judge the
 * workflow; a walk where the provider failed or a reply broke character says nothing about it and is
 * excluded from pass rates (and counted).
 */
public enum WalkCause {
    WORKFLOW, PROVIDER_ERROR, OUT_OF_CHARACTER, MAX_STEPS;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean excluded() {
        return this == PROVIDER_ERROR || this == OUT_OF_CHARACTER;
    }

    public static WalkCause of(PersonaRun run) {
        boolean ooc = false;
        for (Interaction i : run.interactions()) {
            if (i.reply() == null) continue;
            if (i.reply().providerError() != null) return PROVIDER_ERROR;
            if (CharacterCheck.violation(run.persona(), i.reply()) != null) ooc = true;
        }
        if (ooc) return OUT_OF_CHARACTER;
        return run.session().endReason == EndReason.MAX_STEPS ? MAX_STEPS : WORKFLOW;
    }
}
