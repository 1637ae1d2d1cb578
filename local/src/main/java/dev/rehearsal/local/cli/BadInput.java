package dev.rehearsal.local.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.Problem;
import dev.rehearsal.functions.http.ApiRequest;
import dev.rehearsal.functions.http.Responses;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;

/**
 * Reports bad input and returns exit code 2: as compiler-style lines on standard error, or, with
 * {@code --format json}, as one JSON document on standard output in the API's error shape
 * ({"error": {"code", "message", "file", "problems": [{"pointer", "line", "column", "code", "message"}]}}) so scripts
 * can read it.
 */
final class BadInput {
    private final CommandSpec spec;
    private final boolean json;

    BadInput(CommandSpec spec, String format) {
        this.spec = spec;
        this.json = "json".equals(format);
    }

    int problems(String fileArgument, InvalidInputException e) {
        if (!json) return ProblemPrinter.print(spec.commandLine().getErr(), fileArgument, e);
        String file = ProblemPrinter.fileOf(fileArgument, e);
        // The API's own error body, so a script reads CLI and API errors the same way; plus the file.
        ObjectNode root = body("invalid_input", ProblemPrinter.headline(file, e), e.problems());
        ((ObjectNode) root.get("error")).put("file", file);
        return print(root);
    }

    int message(String code, String message) {
        if (!json) {
            spec.commandLine().getErr().println("rehearse: " + message);
            spec.commandLine().getErr().flush();
            return Main.BAD_INPUT;
        }
        return print(body(code, message, null));
    }

    /** The API's error body (its HTTP status is not part of it). */
    private static ObjectNode body(String code, String message, List<Problem> problems) {
        return (ObjectNode) ApiRequest.parseJson(Responses.error(400, code, message, problems, null).getBody());
    }

    private int print(ObjectNode root) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.pretty(root));
        out.flush();
        return Main.BAD_INPUT;
    }
}
