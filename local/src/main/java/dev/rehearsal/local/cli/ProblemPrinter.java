package dev.rehearsal.local.cli;

import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Problem;

import java.io.PrintWriter;

/** Prints input problems the way compilers do: file:line:column: message [pointer]. */
final class ProblemPrinter {
    private ProblemPrinter() {
    }

    static int print(PrintWriter err, String fileArgument, InvalidInputException e) {
        String file = fileOf(fileArgument, e);
        err.println("rehearse: " + headline(file, e) + ":");
        for (Problem p : e.problems()) {
            String where = p.line() > 0 ? file + ":" + p.line() + ":" + p.column() : file;
            err.println("  " + where + ": " + p.message() + (p.pointer().isEmpty() ? "" : "  [" + p.pointer() + "]"));
        }
        err.flush();
        return Main.BAD_INPUT;
    }

    /** A persona or workflow file the argument refers to is named itself, not the argument. */
    static String fileOf(String fileArgument, InvalidInputException e) {
        return e.what() != null && e.what().endsWith(".json") ? e.what() : fileArgument;
    }

    static String headline(String file, InvalidInputException e) {
        return file + " is invalid (" + e.problems().size() + " problem" + (e.problems().size() == 1 ? "" : "s") + ")";
    }
}
