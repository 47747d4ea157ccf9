package dev.viva.grader.rest;

import java.util.List;
import java.util.Map;

/**
 * A request grader-service refuses, rendered as a problem with this status: by default a well-formed request
 * that is not acceptable (422), naming the field at fault.
 */
public class ValidationProblem extends RuntimeException {

    private final int status;
    private final String field;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ValidationProblem(String field, String message) {
        this(422, field + " " + message, List.of(new FieldError(field, message)), Map.of(), field);
    }

    private ValidationProblem(int status, String detail, List<FieldError> errors, Map<String, String> headers, String field) {
        super(detail);
        this.status = status;
        this.field = field;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
