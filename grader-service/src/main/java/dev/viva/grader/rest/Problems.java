package dev.viva.grader.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * The one error contract of the three services ({@code deploy/contracts/README.md}, "Errors"): every error is
 * {@code application/problem+json} whose {@code type} and {@code title} follow from the status. The body is
 * written here as text, so that content negotiation (a report asked for as text/html) can never drop it, and
 * the HTTP layer ({@link HttpLimits}) writes the very same bodies.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://viva.dev/problems/";

    /** A plain mapper: the body only holds strings, numbers and lists, and must not depend on the app's settings. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    public static Response response(int status, String detail, List<FieldError> errors, String instance) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(json(status, detail, errors, instance)).build();
    }

    public static Response response(int status, String detail, List<FieldError> errors, String instance,
            Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(json(status, detail, errors, instance));
        headers.forEach(builder::header);
        return builder.build();
    }

    /** The 401 every service sends: a Bearer challenge and a detail that says what is wrong with the token. */
    public static Response unauthorized(String detail, String instance) {
        return response(401, detail, null, instance, Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }

    /** A 429 whose {@code Retry-After} says, in whole seconds (at least 1), when to try again. */
    public static Response tooManyRequests(String detail, long retryAfterSeconds, String instance) {
        return response(429, detail, null, instance, Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    public static String json(int status, String detail, List<FieldError> errors, String instance) {
        Problem problem = new Problem(TYPE_BASE + slug(status), title(status), status, detail, instance,
                errors == null || errors.isEmpty() ? null : List.copyOf(errors));
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A problem of strings cannot fail to serialize", e);
        }
    }

    public static String slug(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 408 -> "request-timeout";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "invalid-request";
            case 429 -> "too-many-requests";
            case 431 -> "headers-too-large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "server-error" : "client-error";
        };
    }

    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Client Error";
        };
    }
}
