package dev.viva.local.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every {@code /api} operation a running service documents, with what its OpenAPI document says about its
 * parameters, its JSON body and the roles it allows: the input the generated bad-input, error-contract and
 * access suites are built from, so that an operation added later is covered without anyone listing it.
 */
public final class ApiOperations {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** A JSON value's documented shape: {@code type} as in JSON Schema, plus format and enum values. */
    public record Shape(String type, String format, List<String> enumValues) {
        public boolean isEnum() {
            return !enumValues.isEmpty();
        }
    }

    /** A path, query or header parameter. */
    public record Param(String name, String in, Shape shape, boolean required) {
    }

    /** A property of the JSON request body. */
    public record Property(String name, Shape shape) {
    }

    /**
     * One operation. {@code path} has its path parameters filled by {@link ApiRoutes}' placeholder values;
     * {@code roles} is empty when the document does not say.
     */
    public record Operation(String method, String template, String path, String requestType, List<Param> params,
            List<Property> bodyProperties, boolean bodyIsObject, List<String> roles) {

        public boolean readsJson() {
            return requestType != null && requestType.contains("json");
        }

        /** This operation's path with each {@code {name}} replaced by the value {@code values} gives for it. */
        public String path(Map<String, String> values) {
            String result = template;
            for (Param p : params) {
                if (p.in().equals("path") && values.containsKey(p.name())) {
                    result = result.replace("{" + p.name() + "}", values.get(p.name()));
                }
            }
            return result.contains("{") ? path : result;
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private ApiOperations() {
    }

    /** @param baseUrl the service's root, e.g. {@code http://localhost:41234} */
    public static List<Operation> of(String baseUrl) {
        JsonNode doc = openApi(baseUrl);
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            List<Param> shared = params(doc, path.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                JsonNode operation = op.getValue();
                List<Param> params = new ArrayList<>(shared);
                params.addAll(params(doc, operation.path("parameters")));
                String requestType = null;
                JsonNode schema = null;
                for (Iterator<Map.Entry<String, JsonNode>> types = operation.path("requestBody").path("content").fields(); types.hasNext();) {
                    Map.Entry<String, JsonNode> type = types.next();
                    if (requestType == null || type.getKey().contains("json")) {
                        requestType = type.getKey();
                        schema = resolve(doc, type.getValue().path("schema"));
                    }
                }
                List<Property> properties = new ArrayList<>();
                boolean isObject = false;
                if (schema != null && requestType.contains("json")) {
                    isObject = "object".equals(schema.path("type").asText("object")) && !schema.has("items");
                    for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext();) {
                        Map.Entry<String, JsonNode> prop = props.next();
                        properties.add(new Property(prop.getKey(), shape(doc, prop.getValue())));
                    }
                }
                operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), ApiRoutes.concrete(path.getKey()),
                        requestType, List.copyOf(params), List.copyOf(properties), isObject, roles(operation)));
            }
        }
        if (operations.isEmpty()) {
            throw new IllegalStateException("The OpenAPI document at " + baseUrl + " lists no /api operation");
        }
        return operations;
    }

    private static List<Param> params(JsonNode doc, JsonNode list) {
        List<Param> params = new ArrayList<>();
        for (JsonNode p : list) {
            JsonNode param = resolve(doc, p);
            params.add(new Param(param.path("name").asText(), param.path("in").asText(), shape(doc, param.path("schema")),
                    param.path("required").asBoolean(false)));
        }
        return params;
    }

    private static Shape shape(JsonNode doc, JsonNode schema) {
        JsonNode s = resolve(doc, schema);
        if (s.has("allOf") && s.path("allOf").size() > 0) {
            s = resolve(doc, s.path("allOf").get(0));
        }
        List<String> values = new ArrayList<>();
        s.path("enum").forEach(v -> values.add(v.asText()));
        String type = s.path("type").isArray() ? firstNonNull(s.path("type")) : s.path("type").asText(values.isEmpty() ? "object" : "string");
        return new Shape(type, s.path("format").asText(""), List.copyOf(values));
    }

    private static String firstNonNull(JsonNode types) {
        for (JsonNode t : types) {
            if (!"null".equals(t.asText())) {
                return t.asText();
            }
        }
        return "object";
    }

    private static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                break;
            }
            current = doc.at(ref.substring(1));
        }
        return current;
    }

    private static List<String> roles(JsonNode operation) {
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : operation.path("security")) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText())));
        }
        return List.copyOf(roles);
    }

    private static JsonNode openApi(String baseUrl) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + response.statusCode());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Reading the OpenAPI document failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
