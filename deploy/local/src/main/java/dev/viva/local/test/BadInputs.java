package dev.viva.local.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.viva.local.test.ApiOperations.Operation;
import dev.viva.local.test.ApiOperations.Param;
import dev.viva.local.test.ApiOperations.Property;
import dev.viva.local.test.ApiOperations.Shape;

/**
 * Wrong input for an operation, generated from its OpenAPI description: a NUL character in every path and
 * query parameter, values of the wrong type for every typed parameter and body property, unknown and
 * duplicate fields, broken and trailing JSON, and a missing or wildcard Content-Type. Each probe says which
 * statuses refuse it correctly and which field the refusal must name.
 */
public final class BadInputs {

    /**
     * One wrong request. {@code query} is appended raw (already percent-encoded); {@code contentType} null sends
     * none; {@code field} is the field the problem's errors must name (null: only the status is checked);
     * {@code mention} is text the detail or an error message must contain (such as the allowed enum values).
     */
    public record Probe(String what, String method, String path, String query, String contentType, String body,
            Set<Integer> refusedWith, String field, String mention) {
        public String uri() {
            return query == null ? path : path + "?" + query;
        }

        @Override
        public String toString() {
            return method + " " + uri() + " (" + what + ")";
        }
    }

    private static final Set<Integer> UNREADABLE = Set.of(400);
    private static final Set<Integer> UNREADABLE_OR_INVALID = Set.of(400, 422);

    private BadInputs() {
    }

    /** @param validBody a body this operation accepts (or {@code {}}), whose fields the wrong values replace */
    public static List<Probe> of(Operation op, String validBody) {
        List<Probe> probes = new ArrayList<>();
        String body = op.readsJson() ? validBody : null;
        String type = op.readsJson() ? "application/json" : null;
        for (Param p : op.params()) {
            if (p.in().equals("path")) {
                String nul = op.template().replace("{" + p.name() + "}", "a%00b");
                probes.add(new Probe("NUL in path parameter " + p.name(), op.method(), fill(op, nul), null, type, body,
                        UNREADABLE, null, null));
                if (p.shape().format().equals("uuid")) {
                    probes.add(new Probe("path parameter " + p.name() + " not a UUID", op.method(),
                            fill(op, op.template().replace("{" + p.name() + "}", "not-a-uuid")), null, type, body,
                            UNREADABLE, p.name(), null));
                }
            } else if (p.in().equals("query")) {
                probes.add(new Probe("NUL in query parameter " + p.name(), op.method(), op.path(), p.name() + "=a%00b", type,
                        body, UNREADABLE, p.name(), null));
                if (p.shape().type().equals("integer")) {
                    // a value of the right type whose arithmetic (an offset, a page) must not overflow into a 500
                    probes.add(new Probe("query parameter " + p.name() + " at the largest int", op.method(), op.path(),
                            p.name() + "=2147483647", type, body, Set.of(400, 404, 422), null, null));
                }
                for (String wrong : wrongQueryValues(p.shape())) {
                    probes.add(new Probe("query parameter " + p.name() + "=" + wrong, op.method(), op.path(),
                            p.name() + "=" + wrong, type, body, UNREADABLE_OR_INVALID, p.name(),
                            p.shape().isEnum() ? p.shape().enumValues().get(0) : null));
                }
            }
        }
        if (!op.readsJson()) {
            return probes;
        }
        probes.add(probe(op, "no Content-Type", null, validBody, Set.of(415), null));
        probes.add(probe(op, "Content-Type */*", "*/*", validBody, Set.of(415), null));
        probes.add(probe(op, "Content-Type text/plain", "text/plain", validBody, Set.of(415), null));
        probes.add(probe(op, "malformed JSON", type, "{\"a\":", UNREADABLE, "body"));
        probes.add(probe(op, "data after the document", type, validBody + " {}", UNREADABLE, "body"));
        probes.add(probe(op, "a JSON string for the body", type, "\"text\"", UNREADABLE, "body"));
        if (op.bodyIsObject()) {
            probes.add(probe(op, "an array for the body", type, "[" + validBody + "]", UNREADABLE, "body"));
            probes.add(probe(op, "an unknown field", type, with(validBody, "\"zzUnknownField\":1"), UNREADABLE, "zzUnknownField"));
            if (!op.bodyProperties().isEmpty()) {
                String name = op.bodyProperties().get(0).name();
                probes.add(probe(op, "duplicate key " + name, type,
                        with(with(validBody, "\"" + name + "\":null"), "\"" + name + "\":null"), UNREADABLE, name));
            }
        }
        for (Property property : op.bodyProperties()) {
            for (String[] wrong : wrongJsonValues(property.shape())) {
                String mention = property.shape().isEnum() ? property.shape().enumValues().get(0) : null;
                probes.add(probe(op, property.name() + " " + wrong[0], type, with(validBody, "\"" + property.name() + "\":" + wrong[1]),
                        UNREADABLE, property.name(), mention));
            }
        }
        return probes;
    }

    private static String fill(Operation op, String template) {
        return ApiRoutes.concrete(template);
    }

    private static Probe probe(Operation op, String what, String contentType, String body, Set<Integer> refusedWith, String field) {
        return probe(op, what, contentType, body, refusedWith, field, null);
    }

    private static Probe probe(Operation op, String what, String contentType, String body, Set<Integer> refusedWith,
            String field, String mention) {
        return new Probe(what, op.method(), op.path(), null, contentType, body, refusedWith, field, mention);
    }

    /** {@code body} (a JSON object) with {@code member} put first; a later duplicate of it wins in lax readers. */
    static String with(String body, String member) {
        String trimmed = body.trim();
        String inner = trimmed.substring(1, trimmed.length() - 1).trim();
        return "{" + member + (inner.isEmpty() ? "" : "," + inner) + "}";
    }

    private static List<String> wrongQueryValues(Shape shape) {
        if (shape.isEnum()) {
            return List.of("NOT_A_VALUE");
        }
        return switch (shape.type()) {
            case "boolean" -> List.of("maybe", "1", "yes");
            case "integer" -> List.of("1.5", "abc", "2147483648");
            case "number" -> List.of("abc");
            default -> shape.format().equals("uuid") ? List.of("not-a-uuid") : List.of();
        };
    }

    /** Pairs of (what, JSON value) that are not of {@code shape}. */
    private static List<String[]> wrongJsonValues(Shape shape) {
        if (shape.isEnum()) {
            return List.of(new String[] { "not one of the allowed values", "\"NOT_A_VALUE\"" },
                    new String[] { "a number for an enum", "1" });
        }
        List<String[]> wrong = new ArrayList<>();
        switch (shape.type()) {
            case "string" -> {
                wrong.add(new String[] { "a number for text", "12345" });
                wrong.add(new String[] { "a boolean for text", "true" });
                wrong.add(new String[] { "an object for text", "{}" });
                wrong.add(new String[] { "a NUL character in text", "\"a\\u0000b\"" });
            }
            case "integer" -> {
                wrong.add(new String[] { "a fraction for a whole number", "1.5" });
                wrong.add(new String[] { "text for a whole number", "\"5\"" });
                wrong.add(new String[] { "a boolean for a whole number", "true" });
            }
            case "number" -> {
                wrong.add(new String[] { "text for a number", "\"5\"" });
                wrong.add(new String[] { "a boolean for a number", "false" });
            }
            case "boolean" -> {
                wrong.add(new String[] { "text for a boolean", "\"yes\"" });
                wrong.add(new String[] { "a number for a boolean", "1" });
            }
            case "array" -> {
                wrong.add(new String[] { "text for an array", "\"x\"" });
                wrong.add(new String[] { "an object for an array", "{}" });
            }
            default -> {
                wrong.add(new String[] { "text for an object", "\"x\"" });
                wrong.add(new String[] { "a number for an object", "7" });
            }
        }
        return wrong;
    }
}
