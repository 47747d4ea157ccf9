package dev.viva.session.rest;

import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.viva.session.service.FieldError;
import dev.viva.session.service.ProblemException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error leaves as application/problem+json with a status that says whose fault it was. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final Problems problems;

    public ProblemMappers(Problems problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return problems.response(e.status(), e.title(), e.getMessage(), e.errors(), uri);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(field(v), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).reduce((a, b) -> a + "; " + b).orElse("invalid");
        return problems.response(422, "Invalid request", detail, errors, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? path(m) : null;
        String detail = field == null ? "The body is not valid JSON: " + e.getOriginalMessage()
                : "Field '" + field + "' has the wrong type or format";
        return problems.response(400, "Malformed request", detail,
                field == null ? List.of() : List.of(new FieldError(field, "wrong type or format")), uri);
    }

    /** More specific than Jackson's own mappers for wrong types and missing values, so ours wins. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return problems.response(401, "Unauthenticated", "A valid bearer token is required", List.of(), uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        String detail = claimsDefect(e, "A valid bearer token is required");
        return problems.response(401, "Unauthenticated", detail, List.of(), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problems.response(403, "Forbidden", "Your role may not do this", List.of(), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException jpe) {
            return json(jpe, uri);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "Method not allowed here";
            case 406 -> "Acceptable representations: application/json, text/markdown, text/html";
            case 413 -> "The request body is too large";
            case 415 -> "Send application/json";
            default -> e.getMessage();
        };
        return problems.response(status, title, detail, List.of(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("Unexpected error", e);
        return problems.response(500, "Internal error", "Something went wrong on our side", List.of(), uri);
    }

    /** The JSON property (or query parameter) at fault; a missing body is reported as {@code body}. */
    private static String field(ConstraintViolation<?> v) {
        String property = null;
        String parameter = null;
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                property = node.getName();
            } else if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                parameter = node.getName();
            }
        }
        if (property != null) {
            return property;
        }
        if (parameter == null || parameter.startsWith("arg") || parameter.equals("request")) {
            return "body";
        }
        return parameter;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** The reason a verified token's claims were refused, or {@code otherwise}. */
    private static String claimsDefect(RuntimeException e, String otherwise) {
        Object defect = e instanceof AuthenticationFailedException failed ? failed.getAttribute(TokenClaims.DEFECT) : null;
        return defect instanceof String reason ? reason : otherwise;
    }
}
