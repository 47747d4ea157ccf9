package dev.viva.local.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every {@code /api} operation a running service documents in its OpenAPI document, with its path
 * parameters filled in by plausible values, so that a test can send each of them a request.
 */
public final class ApiRoutes {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** One operation: the HTTP method, the documented template and a concrete path to call. */
    public record Route(String method, String template, String path, String requestType) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private ApiRoutes() {
    }

    /** @param baseUrl the service's root, e.g. {@code http://localhost:41234} */
    public static List<Route> of(String baseUrl) {
        JsonNode doc = openApi(baseUrl);
        List<Route> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                Iterator<String> types = op.getValue().path("requestBody").path("content").fieldNames();
                String requestType = types.hasNext() ? types.next() : null;
                routes.add(new Route(op.getKey().toUpperCase(), path.getKey(), concrete(path.getKey()), requestType));
            }
        }
        if (routes.isEmpty()) {
            throw new IllegalStateException("The OpenAPI document at " + baseUrl + " lists no /api operation");
        }
        return routes;
    }

    static String concrete(String template) {
        return template.replaceAll("\\{[^}]*[iI]d}", "00000000-0000-4000-8000-000000000000").replaceAll("\\{[^}]*}", "sample");
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
