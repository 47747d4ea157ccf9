package dev.viva.session.service;

import java.util.List;
import java.util.Map;

/** A rule the request broke; rendered as an RFC 9457 problem with this status (the title follows from it). */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ProblemException(int status, String title, String detail, List<FieldError> errors) {
        this(status, title, detail, errors, Map.of());
    }

    private ProblemException(int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not found", what + " does not exist", List.of());
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(422, "Invalid request", field + " " + message, List.of(new FieldError(field, message)));
    }

    /** The request cannot be read (400): bad syntax of a path, query or header value. */
    public static ProblemException malformed(String field, String message) {
        return new ProblemException(400, "Malformed request", field + " " + message, List.of(new FieldError(field, message)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    /** A quota or rate limit (429); {@code Retry-After} says in whole seconds when the next try can succeed. */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, "Too many requests", detail, List.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Headers the response carries besides the problem, such as {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }
}
