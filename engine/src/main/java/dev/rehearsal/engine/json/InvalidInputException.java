package dev.rehearsal.engine.json;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a document has problems; carries every one of them, not just the first. */
public class InvalidInputException extends RuntimeException {
    private final List<Problem> problems;
    private final String what;

    public InvalidInputException(String what, List<Problem> problems) {
        super(what + " is invalid: " + problems.size() + " problem(s)\n"
                + problems.stream().map(p -> "  " + p.describe()).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
        this.what = what;
    }

    /** What was invalid: a kind ("workflow", "persona") or the file it came from. */
    public String what() {
        return what;
    }

    public List<Problem> problems() {
        return problems;
    }
}
