package dev.viva.question.rest;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.viva.question.service.FieldError;

/**
 * Says what is wrong with a body that cannot be read, in the client's terms: the JSON path of the field and
 * what it must be. Jackson's own messages name Java classes and token types, so none of them is passed on.
 */
final class JsonProblems {

    /** A 400 detail and the fields at fault. */
    record Described(String detail, List<FieldError> errors) {
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");

    private JsonProblems() {
    }

    static Described describe(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            Collection<Object> known = unknown.getKnownPropertyIds();
            String message = "is not a field of this request" + (known == null || known.isEmpty() ? ""
                    : "; the fields are " + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
            return one(field, message);
        }
        if (e instanceof InvalidFormatException invalid && invalid.getValue() instanceof String s && s.indexOf('\0') >= 0) {
            return one(path(invalid), "must not contain the NUL character (\\u0000)");
        }
        if (e instanceof MismatchedInputException mismatched) {
            String field = path(mismatched);
            if (original.startsWith("Trailing token")) {
                return one("body", "has more data after the JSON document");
            }
            if (original.startsWith("No content to map")) {
                return one("body", "is required: send a JSON document");
            }
            return one(field, "must be " + expected(mismatched.getTargetType()));
        }
        if (e instanceof JsonMappingException mapping) {
            return one(path(mapping), "cannot be read");
        }
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.find()) {
            return one(duplicate.group(1), "appears more than once in the same object");
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new Described("The body is not valid JSON" + where, List.of(new FieldError("body", "is not valid JSON" + where)));
    }

    private static Described one(String field, String message) {
        return new Described(field + " " + message, List.of(new FieldError(field, message)));
    }

    /** What a value of this Java type looks like in JSON, without naming the type. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class || type == Integer.class
                || type == Long.class || type == Short.class || type == Byte.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time string";
        }
        if (type == java.time.Duration.class) {
            return "an ISO-8601 duration string";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "an object";
    }

    /** The JSON path of the field at fault, such as {@code keyPoints[2].weight}; {@code body} for the document. */
    static String path(JsonMappingException e) {
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
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
