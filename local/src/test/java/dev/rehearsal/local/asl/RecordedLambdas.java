package dev.rehearsal.local.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** In-process stand-ins for the Lambda functions the recorded cases used, behaving as the README describes. */
final class RecordedLambdas {
    private RecordedLambdas() {}

    static TaskRegistry registryFor(Map<String, String> handlers) {
        TaskRegistry r = new TaskRegistry();
        handlers.forEach((arn, handler) -> r.register(arn, function(handler)));
        return r;
    }

    static TaskFunction function(String handler) {
        switch (handler) {
            case "id_function": return (in, ctx) -> in;
            case "echo_function": return (in, ctx) -> Json.parse("{\"Return\":\"HelloWorld\"}");
            case "raise_exception": return (in, ctx) -> { throw pythonError("Exception", "Some exception was raised.",
                    "  File \"/var/task/handler.py\", line 2, in handler\n    raise Exception(\"Some exception was raised.\")\n"); };
            case "raise_custom_exception": return (in, ctx) -> { throw pythonError("CustomException", "",
                    "  File \"/var/task/handler.py\", line 9, in handler\n    raise CustomException()\n"); };
            case "return_decorated_input": return (in, ctx) -> Json.text("input-event-" + Json.write(in));
            case "return_bytes_str": return (in, ctx) -> Json.text("HelloWorld!");
            case "large_output_string": return (in, ctx) -> Json.text("a".repeat(257 * 1024));
            case "wait_60_seconds": return (in, ctx) -> { ctx.sleep(Duration.ofSeconds(60)); return in; };
            default: throw new IllegalArgumentException("No stand-in for Lambda handler " + handler);
        }
    }

    /** The error shape Lambda reports for an unhandled Python exception. */
    private static TaskFailure pythonError(String type, String message, String trace) {
        ObjectNode cause = Json.object();
        cause.put("errorMessage", message);
        cause.put("errorType", type);
        cause.put("requestId", UUID.randomUUID().toString());
        cause.putArray("stackTrace").add(trace);
        return new TaskFailure(type, Json.write(cause));
    }
}
