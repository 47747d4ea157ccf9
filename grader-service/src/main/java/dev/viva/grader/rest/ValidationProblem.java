package dev.viva.grader.rest;

/** A request that is well-formed but not acceptable (422), naming the field at fault. */
public class ValidationProblem extends RuntimeException {
    private final String field;

    public ValidationProblem(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
