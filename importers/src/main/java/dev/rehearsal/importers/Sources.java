package dev.rehearsal.importers;

import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.LocatedJson;
import dev.rehearsal.engine.json.Problem;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a source export, located (pointer, and line/column when the text is known). */
public final class Sources {
    private final LocatedJson doc;
    private final String what;
    private final List<Problem> problems = new ArrayList<>();

    public Sources(LocatedJson doc, String what) {
        this.doc = doc;
        this.what = what;
    }

    public void problem(String pointer, String code, String message) {
        problems.add(Problem.at(doc, pointer, code, message));
    }

    /** Throws with every problem found so far, if any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) throw new InvalidInputException(what, problems.stream().sorted().toList());
    }
}
