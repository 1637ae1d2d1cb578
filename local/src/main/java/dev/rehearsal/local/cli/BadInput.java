package dev.rehearsal.local.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rehearsal.engine.json.InvalidInputException;
import dev.rehearsal.engine.json.Json;
import dev.rehearsal.engine.json.Problem;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;

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
        ObjectNode root = error("invalid_input", ProblemPrinter.headline(file, e));
        ObjectNode err = (ObjectNode) root.get("error");
        err.put("file", file);
        ArrayNode list = err.putArray("problems");
        for (Problem p : e.problems()) {
            ObjectNode o = list.addObject();
            o.put("pointer", p.pointer() == null ? "" : p.pointer());
            if (p.line() > 0) {
                o.put("line", p.line());
                o.put("column", p.column());
            }
            if (p.code() != null) o.put("code", p.code());
            o.put("message", p.message());
        }
        return print(root);
    }

    int message(String code, String message) {
        if (!json) {
            spec.commandLine().getErr().println("rehearse: " + message);
            spec.commandLine().getErr().flush();
            return Main.BAD_INPUT;
        }
        return print(error(code, message));
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode err = root.putObject("error");
        err.put("code", code);
        err.put("message", message);
        return root;
    }

    private int print(ObjectNode root) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(Json.pretty(root));
        out.flush();
        return Main.BAD_INPUT;
    }
}
