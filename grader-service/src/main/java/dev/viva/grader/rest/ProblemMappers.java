package dev.viva.grader.rest;

import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/** Every error as application/problem+json; bad input is a 4xx that says what is wrong, never a 500. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Context
    UriInfo uri;

    private String instance() {
        return uri == null ? null : uri.getPath();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = e.getMessage();
        if (status == 415) {
            detail = "Send the body as application/json";
        } else if (status == 413) {
            detail = "The request body is too large";
        }
        return Problem.response(status, title, detail, instance(), null);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(RuntimeException e) {
        String detail = claimsDefect(e, "A valid bearer token is required");
        return Problem.response(401, "Unauthorized", detail, instance(), null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(403, "Forbidden", "Your role may not do this", instance(), null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.response(422, "Unprocessable Content", "The request is not valid", instance(), errors);
    }

    @ServerExceptionMapper
    public Response validation(ValidationProblem e) {
        return Problem.response(422, "Unprocessable Content", e.getMessage(), instance(),
                List.of(new Problem.FieldError(e.field(), e.getMessage())));
    }

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
        String message = e instanceof InvalidFormatException ife
                ? "has the wrong type or format: " + ife.getValue()
                : "has the wrong type";
        return Problem.response(400, "Bad Request", "Field " + field + " " + message, instance(),
                List.of(new Problem.FieldError(field, message)));
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return Problem.response(400, "Bad Request", "The body is not valid JSON", instance(), null);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        return Problem.response(400, "Bad Request", "The body could not be read: " + e.getOriginalMessage(), instance(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected error", e);
        return Problem.response(500, "Internal Server Error", "Something went wrong on our side", instance(), null);
    }

    private static String field(String path) {
        // "regrade.request.answerIds" -> "answerIds"
        String[] parts = path.split("\\.");
        return parts.length <= 2 ? parts[parts.length - 1] : String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length));
    }

    /** The reason a verified token's claims were refused, or {@code otherwise}. */
    private static String claimsDefect(RuntimeException e, String otherwise) {
        Object defect = e instanceof AuthenticationFailedException failed ? failed.getAttribute(TokenClaims.DEFECT) : null;
        return defect instanceof String reason ? reason : otherwise;
    }
}
