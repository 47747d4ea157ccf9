package dev.viva.grader.service;

import java.util.OptionalLong;

/**
 * A request the grader's services refuse, in the services' own terms; {@code rest/ProblemMappers} turns it into
 * the problem+json of the error contract (the kind decides the status).
 */
public class ServiceException extends RuntimeException {

    public enum Kind {
        /** The request reads, but a value breaks a rule (422); {@link #field()} names it. */
        INVALID,
        /** Nothing the caller may see matches (404). */
        NOT_FOUND,
        /** The request clashes with the current state (409). */
        CONFLICT,
        /** A quota of the caller's team is used up (429); {@link #retryAfterSeconds()} says when it frees. */
        LIMITED,
        /** Something the request needs is unreachable for now (503); worth retrying after {@link #retryAfterSeconds()}. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String field;
    private final String reason;
    private final Long retryAfterSeconds;

    private ServiceException(Kind kind, String detail, String field, String reason, Long retryAfterSeconds) {
        super(detail);
        this.kind = kind;
        this.field = field;
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A value that breaks a rule: the detail reads "{field} {reason}". */
    public static ServiceException invalid(String field, String reason) {
        return new ServiceException(Kind.INVALID, field + " " + reason, field, reason, null);
    }

    public static ServiceException notFound(String detail) {
        return new ServiceException(Kind.NOT_FOUND, detail, null, null, null);
    }

    public static ServiceException conflict(String detail) {
        return new ServiceException(Kind.CONFLICT, detail, null, null, null);
    }

    public static ServiceException limited(String detail, long retryAfterSeconds) {
        return new ServiceException(Kind.LIMITED, detail, null, null, Math.max(1, retryAfterSeconds));
    }

    public static ServiceException unavailable(String detail, long retryAfterSeconds) {
        return new ServiceException(Kind.UNAVAILABLE, detail, null, null, Math.max(1, retryAfterSeconds));
    }

    public Kind kind() {
        return kind;
    }

    /** The field at fault of an {@link Kind#INVALID} refusal, else null. */
    public String field() {
        return field;
    }

    /** What is wrong with {@link #field()}, without the field's name. */
    public String reason() {
        return reason;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }
}
