package dev.viva.question.service;

import java.util.List;

/** A request the service refuses, with what the caller should know about why. */
public class ServiceException extends RuntimeException {

    public enum Kind {
        /** The input cannot be read: bad syntax, wrong type, unparseable document (400). */
        MALFORMED,
        /** Input reads but breaks a rule (422). */
        INVALID,
        /** The caller may not do this to this question (403). */
        FORBIDDEN,
        /** No such question or version visible to the caller (404). */
        NOT_FOUND,
        /** Clashes with what exists (409). */
        CONFLICT,
        /** Well-formed but cannot be satisfied (422). */
        UNPROCESSABLE
    }

    private final Kind kind;
    private final List<FieldError> errors;

    public ServiceException(Kind kind, String message, List<FieldError> errors) {
        super(message);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public static ServiceException invalid(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ServiceException(Kind.INVALID, detail, errors);
    }

    public static ServiceException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /** The input cannot be read (400), for example a bank document that is not YAML or JSON. */
    public static ServiceException malformed(String field, String message) {
        return new ServiceException(Kind.MALFORMED, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(Kind.NOT_FOUND, message, List.of());
    }

    public static ServiceException questionNotFound(String id) {
        return notFound("No question '" + id + "'");
    }

    public static ServiceException conflict(String message) {
        return new ServiceException(Kind.CONFLICT, message, List.of());
    }

    public static ServiceException forbidden(String message) {
        return new ServiceException(Kind.FORBIDDEN, message, List.of());
    }

    public static ServiceException unprocessable(String field, String message) {
        return new ServiceException(Kind.UNPROCESSABLE, field + ": " + message, List.of(new FieldError(field, message)));
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
