package dev.viva.question.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.viva.question.service.FieldError;

/**
 * Reads path, query and header parameters strictly, before the framework converts them: {@code maybe} is not
 * a boolean, {@code 1.5} or {@code 2147483648} is not an int, an unknown enum value lists the allowed ones,
 * a malformed UUID is a 400 rather than a 404, and a parameter given twice is refused. An operation that reads
 * a body needs a concrete Content-Type (415 when it is missing or a wildcard). The same filter exists in all
 * three services.
 */
public class StrictParameters {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        String instance = request.getUriInfo().getRequestUri().getRawPath();
        if (WITH_BODY.contains(request.getMethod()) && consumes(resource) && !concrete(request.getMediaType())) {
            return Problems.response(415, "This operation reads a JSON body: send it with Content-Type: application/json",
                    null, instance);
        }
        for (Parameter parameter : method.getParameters()) {
            FieldError error = check(request, parameter);
            if (error != null) {
                return Problems.response(400, error.field() + " " + error.message(), List.of(error), instance);
            }
        }
        return null;
    }

    private static boolean consumes(ResourceInfo resource) {
        return resource.getResourceMethod().isAnnotationPresent(Consumes.class)
                || resource.getResourceClass().isAnnotationPresent(Consumes.class);
    }

    private static boolean concrete(MediaType type) {
        return type != null && !type.isWildcardType() && !type.isWildcardSubtype();
    }

    private static FieldError check(ContainerRequestContext request, Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation instanceof QueryParam query) {
                List<String> values = request.getUriInfo().getQueryParameters().get(query.value());
                if (values == null || values.isEmpty()) {
                    return null;
                }
                if (values.size() > 1) {
                    return new FieldError(query.value(), "is given more than once");
                }
                return value(query.value(), values.get(0), parameter.getType());
            }
            if (annotation instanceof PathParam path) {
                List<String> values = request.getUriInfo().getPathParameters().get(path.value());
                return values == null || values.isEmpty() ? null : value(path.value(), values.get(0), parameter.getType());
            }
            if (annotation instanceof HeaderParam header) {
                String value = request.getHeaderString(header.value());
                if (value != null && !header.value().equalsIgnoreCase(HttpHeaders.ACCEPT)) {
                    return value(header.value(), value, parameter.getType());
                }
            }
        }
        return null;
    }

    /** Why {@code value} is not a {@code type}, or null when it is one. */
    static FieldError value(String name, String value, Class<?> type) {
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return new FieldError(name, "must not contain NUL or other control characters");
        }
        if (type == boolean.class || type == Boolean.class) {
            return value.equals("true") || value.equals("false") ? null : new FieldError(name, "must be true or false");
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            try {
                if (type == int.class || type == Integer.class) {
                    Integer.parseInt(value);
                } else {
                    Long.parseLong(value);
                }
                return null;
            } catch (NumberFormatException e) {
                return new FieldError(name, "must be a whole number" + (type == int.class || type == Integer.class
                        ? " from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE : ""));
            }
        }
        if (type == UUID.class) {
            try {
                UUID parsed = UUID.fromString(value);
                return parsed.toString().equalsIgnoreCase(value) ? null : new FieldError(name, "must be a UUID");
            } catch (IllegalArgumentException e) {
                return new FieldError(name, "must be a UUID");
            }
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return Arrays.stream(constants).anyMatch(c -> ((Enum<?>) c).name().equals(value)) ? null
                    : new FieldError(name, "must be one of " + Arrays.stream(constants).map(c -> ((Enum<?>) c).name())
                            .collect(Collectors.joining(", ")));
        }
        return null;
    }
}
