package dev.viva.question.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Where a parameter comes from, its name there, and the Java type the resource method asks for. */
    private record Source(Kind kind, String name, Class<?> type) {
    }

    private enum Kind { QUERY, PATH, HEADER }

    /**
     * What the filter reads of one resource method: whether the method itself declares that it takes a body
     * (the resource class may declare it instead, read per request), and its checked parameters.
     */
    private record Signature(boolean consumes, List<Source> sources) {
    }

    /**
     * Each resource method's signature, read once: reflection parses and copies a method's parameter
     * annotations again on every call, which a profile of the submit path showed on every request.
     */
    private static final Map<Method, Signature> SIGNATURES = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        Signature signature = SIGNATURES.computeIfAbsent(method, StrictParameters::signature);
        if (WITH_BODY.contains(request.getMethod()) && consumes(signature, resource) && !concrete(request.getMediaType())) {
            return Problems.response(415, "This operation reads a JSON body: send it with Content-Type: application/json",
                    null, request.getUriInfo().getRequestUri().getRawPath());
        }
        for (Source source : signature.sources()) {
            FieldError error = check(request, source);
            if (error != null) {
                return Problems.response(400, error.field() + " " + error.message(), List.of(error),
                        request.getUriInfo().getRequestUri().getRawPath());
            }
        }
        return null;
    }

    /** A method may be shared by several resource classes (inherited), so the class's own @Consumes is read here. */
    private static boolean consumes(Signature signature, ResourceInfo resource) {
        return signature.consumes() || resource.getResourceClass().isAnnotationPresent(Consumes.class);
    }

    private static Signature signature(Method method) {
        boolean consumes = method.isAnnotationPresent(Consumes.class);
        List<Source> sources = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            Source source = source(parameter);
            if (source != null) {
                sources.add(source);
            }
        }
        return new Signature(consumes, List.copyOf(sources));
    }

    /** The first of the parameter's query, path or header annotations; none for the Accept header. */
    private static Source source(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation instanceof QueryParam query) {
                return new Source(Kind.QUERY, query.value(), parameter.getType());
            }
            if (annotation instanceof PathParam path) {
                return new Source(Kind.PATH, path.value(), parameter.getType());
            }
            if (annotation instanceof HeaderParam header) {
                return header.value().equalsIgnoreCase(HttpHeaders.ACCEPT) ? null
                        : new Source(Kind.HEADER, header.value(), parameter.getType());
            }
        }
        return null;
    }

    private static boolean concrete(MediaType type) {
        return type != null && !type.isWildcardType() && !type.isWildcardSubtype();
    }

    private static FieldError check(ContainerRequestContext request, Source source) {
        switch (source.kind()) {
            case QUERY -> {
                List<String> values = request.getUriInfo().getQueryParameters().get(source.name());
                if (values == null || values.isEmpty()) {
                    return null;
                }
                if (values.size() > 1) {
                    return new FieldError(source.name(), "is given more than once");
                }
                return value(source.name(), values.get(0), source.type());
            }
            case PATH -> {
                List<String> values = request.getUriInfo().getPathParameters().get(source.name());
                return values == null || values.isEmpty() ? null : value(source.name(), values.get(0), source.type());
            }
            default -> {
                String value = request.getHeaderString(source.name());
                return value == null ? null : value(source.name(), value, source.type());
            }
        }
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
