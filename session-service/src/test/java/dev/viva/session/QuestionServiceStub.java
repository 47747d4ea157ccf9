package dev.viva.session;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for question-service's POST /api/questions/draw (draw.v1 contract). Special categories
 * make it misbehave: {@code stub-down} answers 503, {@code stub-slow} answers after the client's read
 * timeout, {@code stub-scarce} refuses with 422, {@code stub-unknown} with 400. It insists on a bearer
 * token with role {@code service} and puts the token's team into every prompt, so tests can see it.
 */
public class QuestionServiceStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/questions/draw", QuestionServiceStub::draw);
        server.createContext("/api/questions/", QuestionServiceStub::rubric);
        server.start();
        return Map.of(
                "quarkus.rest-client.question-service.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.rest-client.question-service.read-timeout", "1500");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void draw(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            JsonNode claims = claims(auth);
            if (claims == null || !claims.path("groups").toString().contains("\"service\"")) {
                send(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
                return;
            }
            String team = claims.path("team").asText();
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            int count = request.path("count").asInt();
            List<String> categories = new ArrayList<>();
            request.path("categories").forEach(c -> categories.add(c.asText()));
            if (categories.contains("stub-down")) {
                send(exchange, 503, "{\"title\":\"Service Unavailable\",\"status\":503}");
                return;
            }
            if (categories.contains("stub-slow")) {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, "{}");
                return;
            }
            if (categories.contains("stub-scarce")) {
                send(exchange, 422, "{\"type\":\"about:blank\",\"title\":\"Not enough questions\",\"status\":422,"
                        + "\"detail\":\"Only 2 questions match; " + count + " were asked for\","
                        + "\"errors\":[{\"field\":\"count\",\"message\":\"only 2 match\"}]}");
                return;
            }
            if (categories.contains("stub-unknown")) {
                send(exchange, 400, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Unknown category stub-unknown\"}");
                return;
            }
            List<String> pool = categories.isEmpty() ? List.of("java", "databases") : categories;
            String difficulty = request.path("difficulty").isTextual() ? request.path("difficulty").asText() : "MID";
            // the bank and tags asked for show in every prompt, so tests can see they were passed on
            String chosen = (request.path("bank").isTextual() ? " from bank " + request.path("bank").asText() : "")
                    + (request.path("tags").isArray() ? " tagged " + request.path("tags") : "");
            ObjectNode response = JSON.createObjectNode();
            response.put("seed", 42);
            ArrayNode questions = response.putArray("questions");
            for (int i = 1; i <= count; i++) {
                String category = pool.get((i - 1) % pool.size());
                ObjectNode q = questions.addObject();
                q.put("id", category + "-question-" + i);
                q.put("prompt", "Question " + i + " about " + category + " for team " + team + chosen);
                q.put("category", category);
                q.put("difficulty", difficulty);
                q.putArray("tags").add(category);
                q.put("rubricVersion", i % 2 == 0 ? 2 : 1);
            }
            send(exchange, 200, JSON.writeValueAsString(response));
        }
    }

    /** GET /api/questions/{id}/rubric?version=N (rubric.v1): a rubric whose texts name the question and version. */
    private static void rubric(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode claims = claims(exchange.getRequestHeaders().getFirst("Authorization"));
            if (claims == null || !claims.path("groups").toString().contains("\"service\"")) {
                send(exchange, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            String query = exchange.getRequestURI().getQuery();
            if (path.length != 5 || !"rubric".equals(path[4]) || query == null || !query.startsWith("version=")) {
                send(exchange, 404, "{\"title\":\"Not Found\",\"status\":404}");
                return;
            }
            String id = path[3];
            int version = Integer.parseInt(query.substring("version=".length()));
            ObjectNode rubric = JSON.createObjectNode();
            rubric.put("questionId", id);
            rubric.put("version", version);
            rubric.put("prompt", "Prompt of " + id);
            rubric.put("referenceAnswer", "Reference answer of " + id + " v" + version);
            ArrayNode keyPoints = rubric.putArray("keyPoints");
            keyPoints.addObject().put("id", "kp-a").put("text", "Point A of " + id).put("required", true).put("weight", 2);
            keyPoints.addObject().put("id", "kp-b").put("text", "Point B of " + id).put("required", false).put("weight", 1);
            rubric.putArray("followUps").add("A follow-up on " + id);
            send(exchange, 200, JSON.writeValueAsString(rubric));
        }
    }

    private static JsonNode claims(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            return null;
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
