package dev.rehearsal.functions.http;

import dev.rehearsal.engine.json.Problem;

import java.util.List;

/** A refused request: HTTP status, a stable code, a message, and where the problems are. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<Problem> problems;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public ApiException(int status, String code, String message, List<Problem> problems) {
        super(message);
        this.status = status;
        this.code = code;
        this.problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiException badRequest(String code, String pointer, String message) {
        return new ApiException(400, code, message, List.of(new Problem(pointer, 0, 0, code, message)));
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not_found", what + " '" + id + "' was not found");
    }

    /** Adds a response header (e.g. {@code Allow} on a 405). */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Problem> problems() {
        return problems;
    }
}
