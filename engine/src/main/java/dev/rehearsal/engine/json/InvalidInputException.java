package dev.rehearsal.engine.json;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a document has problems; carries every one of them, not just the first. */
public class InvalidInputException extends RuntimeException {
    private final List<Problem> problems;

    public InvalidInputException(String what, List<Problem> problems) {
        super(what + " is invalid: " + problems.size() + " problem(s)\n"
                + problems.stream().map(p -> "  " + p.describe()).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
