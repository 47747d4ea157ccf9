package dev.viva.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat completions endpoint that answers like a slow model: after a fixed delay
 * it returns a valid structured reply for whatever rubric the request's JSON schema describes, with
 * every key point covered and quoted from the candidate's own words. Slowness keeps gradings in
 * flight long enough for the end-to-end test to kill the grader in the middle of them.
 */
final class SlowFakeModel implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final long delayMillis;
    private final AtomicInteger calls = new AtomicInteger();

    SlowFakeModel(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/chat/completions", this::complete);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    int calls() {
        return calls.get();
    }

    private void complete(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode request = JSON.readTree(in);
            Thread.sleep(delayMillis);
            byte[] body = JSON.writeValueAsBytes(completion(request));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        } finally {
            exchange.close();
        }
    }

    private static Map<String, Object> completion(JsonNode request) throws IOException {
        JsonNode messages = request.path("messages");
        String last = messages.get(messages.size() - 1).path("content").asText();
        String answer = last.substring(last.indexOf('>') + 1, last.lastIndexOf("</candidate_answer>")).strip();
        String quote = String.join(" ", List.of(answer.split("\\s+")).subList(0, Math.min(6, answer.split("\\s+").length)));
        JsonNode props = request.path("response_format").path("json_schema").path("schema").path("properties");

        List<Map<String, Object>> keyPoints = new ArrayList<>();
        for (JsonNode id : props.path("keyPoints").path("items").path("properties").path("id").path("enum")) {
            keyPoints.add(Map.of("id", id.asText(), "verdict", "covered", "evidence", List.of(quote)));
        }
        JsonNode criterion = props.path("criteria").path("items").path("properties");
        JsonNode levels = criterion.path("level").path("enum");
        int top = levels.get(levels.size() - 1).asInt();
        List<Map<String, Object>> criteria = new ArrayList<>();
        for (JsonNode id : criterion.path("id").path("enum")) {
            criteria.add(Map.of("id", id.asText(), "level", top, "justification", "meets the top descriptor"));
        }
        Map<String, Object> reply = new java.util.LinkedHashMap<>();
        reply.put("reasoning", "The answer addresses every key point.");
        reply.put("keyPoints", keyPoints);
        reply.put("criteria", criteria);
        reply.put("redFlags", List.of());
        reply.put("promptInjectionSuspected", false);
        reply.put("injectionEvidence", "");
        reply.put("strengths", List.of("Covers the key points."));
        reply.put("improvements", List.of("Add a concrete example."));
        return Map.of(
                "id", "chatcmpl-e2e", "object", "chat.completion", "created", System.currentTimeMillis() / 1000,
                "model", request.path("model").asText(),
                "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", JSON.writeValueAsString(reply)))),
                "usage", Map.of("prompt_tokens", 900, "completion_tokens", 200, "total_tokens", 1100));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
