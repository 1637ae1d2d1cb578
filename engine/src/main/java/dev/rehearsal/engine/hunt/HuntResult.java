package dev.rehearsal.engine.hunt;

import dev.rehearsal.engine.validate.Issue;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a hunt found: a witness per transition it could take, the transitions it gave up on when the
 * step budget ran out, and the error-level findings the witnesses' walks revealed.
 */
public record HuntResult(Map<String, Witness> witnesses, Set<String> unknown, int budget, int stepsUsed,
                         List<Issue> findings) {
    public static HuntResult off(Set<String> targets) {
        return new HuntResult(Map.of(), Set.copyOf(targets), 0, 0, List.of());
    }
}
