package dev.viva.grader.rest;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.channels.ClosedChannelException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;

import dev.viva.grader.service.ServiceException;

/**
 * Every error leaves as the problem+json of {@code deploy/contracts/README.md} ("Errors"): 400 for a request
 * that cannot be read, 422 for a value that breaks a rule, 401 with a Bearer challenge, 403 naming the role
 * needed. The same mappers, in the same order, exist in all three services.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ValidationProblem e, UriInfo uri) {
        return Problems.response(e.status(), e.getMessage(), e.errors(), instance(uri), e.headers());
    }

    /** A refusal from a service, in its own terms: the same problem+json as a refusal from a resource. */
    @ServerExceptionMapper
    public Response refused(ServiceException e, UriInfo uri) {
        int status = switch (e.kind()) {
            case INVALID -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case LIMITED -> 429;
            case UNAVAILABLE -> 503;
        };
        List<FieldError> errors = e.field() == null ? List.of() : List.of(new FieldError(e.field(), e.reason()));
        Map<String, String> headers = e.retryAfterSeconds().isPresent()
                ? Map.of("Retry-After", Long.toString(e.retryAfterSeconds().getAsLong())) : Map.of();
        return Problems.response(status, e.getMessage(), errors, instance(uri), headers);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        return Problems.response(422, detail(errors), errors, instance(uri));
    }

    /** Jackson's own mappers are registered for some of these types; a mapper per type keeps ours in charge. */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, StreamReadException.class,
            JsonMappingException.class, MismatchedInputException.class, InvalidFormatException.class,
            UnrecognizedPropertyException.class })
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        JsonProblems.Described described = JsonProblems.describe(e);
        return Problems.response(400, described.detail(), described.errors(), instance(uri));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri, HttpHeaders headers) {
        return Problems.unauthorized(Unauthenticated.detail(e, headers), instance(uri));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        String detail = e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : rolesNeeded(resource);
        return Problems.response(403, detail, null, instance(uri));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return unreadable(json, uri);
            }
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        // an application's own message (not the framework's "HTTP 404 Not Found") says more than ours
        String own = e.getMessage();
        boolean ownMessage = own != null && !own.isBlank() && !own.startsWith("HTTP ") && e.getCause() == null && status < 500;
        String detail = ownMessage ? own : switch (status) {
            case 400 -> "The request cannot be read";
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here"
                    + (original.getAllowedMethods().isEmpty() ? "" : "; allowed: " + String.join(", ", original.getAllowedMethods()));
            case 406 -> "None of the media types in Accept can be produced here";
            case 413 -> "The request body is too large";
            case 415 -> "This Content-Type is not accepted here: send application/json";
            default -> status >= 500 ? "Something went wrong on our side" : "The request was refused";
        };
        Response.ResponseBuilder builder = Response.fromResponse(Problems.response(status, detail, null, instance(uri)));
        if (status == 405 && !original.getAllowedMethods().isEmpty()) {
            builder.allow(original.getAllowedMethods());
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (clientGone(e)) {
            LOG.debugf("The client went away before the response was written: %s", e);
        } else {
            LOG.error("Unexpected error", e);
        }
        return Problems.response(500, "Something went wrong on our side", null, instance(uri));
    }

    /** A client that closed its connection is nothing to alarm an operator about. */
    static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ClosedChannelException || t instanceof HttpClosedException
                    || (t instanceof IOException io && io.getMessage() != null
                            && (io.getMessage().contains("Broken pipe") || io.getMessage().contains("reset by peer")))
                    || (t instanceof VertxException v && v.getMessage() != null && v.getMessage().contains("closed"))) {
                return true;
            }
        }
        return false;
    }

    static String instance(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    static String detail(List<FieldError> errors) {
        return errors.isEmpty() ? "The request is not valid"
                : String.join("; ", errors.stream().map(f -> f.field() + " " + f.message()).toList());
    }

    /** The role the matched operation needs, from its {@code @RolesAllowed} (or its class's). */
    static String rolesNeeded(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        RolesAllowed allowed = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (allowed == null && resource != null && resource.getResourceClass() != null) {
            allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed == null || allowed.value().length == 0) {
            return "Your roles do not allow this";
        }
        return allowed.value().length == 1 ? "This needs the role " + allowed.value()[0]
                : "This needs one of the roles " + String.join(", ", allowed.value());
    }

    /** The JSON property (or query parameter) at fault; a missing body is reported as {@code body}. */
    private static String field(ConstraintViolation<?> v) {
        String property = null;
        String parameter = null;
        StringBuilder path = new StringBuilder();
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.isInIterable()) {
                    path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                }
                if (node.getKind() == ElementKind.PROPERTY && node.getName() != null) {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(node.getName());
                }
                property = path.toString();
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            }
        }
        if (property != null) {
            return property;
        }
        if (parameter == null || parameter.startsWith("arg") || parameter.equals("request") || parameter.equals("input")) {
            return "body";
        }
        return parameter;
    }
}
