package dev.viva.grader.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * One in-JVM HTTP server playing two upstreams: an OpenAI-compatible chat completions API driven by
 * per-answer scripts, and question-service serving rubrics built from the bank YAML files.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANSWER_ID = Pattern.compile("<candidate_answer id=\"([0-9a-f-]{36})\">");
    private static final Pattern RUBRIC = Pattern.compile("^/api/questions/([^/]+)/rubric$");

    /** A scripted reply: HTTP status, headers, body (the message content for 200), delay before answering. */
    public record Reply(int status, Map<String, String> headers, String content, long delayMs) {
        public static Reply ok(String content) {
            return new Reply(200, Map.of(), content, 0);
        }

        public static Reply status(int status, Map<String, String> headers, String body) {
            return new Reply(status, headers, body, 0);
        }

        public Reply delayed(long ms) {
            return new Reply(status, headers, content, ms);
        }
    }

    /** A call the fake received; {@code rateLimited} when its rate limit refused it with a 429. */
    public record Call(long atMillis, JsonNode request, boolean rateLimited) {
    }

    private static final Map<String, Deque<Reply>> SCRIPTS = new ConcurrentHashMap<>();
    private static final Map<String, List<Call>> CALLS = new ConcurrentHashMap<>();
    private static final Map<String, String> RUBRIC_TOKENS = new ConcurrentHashMap<>();
    /** Rubrics of one team's own questions (question ids are per team), by team and question id. */
    private static final Map<String, Map<String, Object>> TEAM_RUBRICS = new ConcurrentHashMap<>();
    public static final AtomicInteger TOTAL_CALLS = new AtomicInteger();
    /** Latency added to every default reply (the throughput benchmark sets it). */
    public static volatile long defaultDelayMs = 0;
    /** The provider's rate limit when set ({@link #limitRate}); null: every call is admitted. */
    private static volatile ProviderRateLimit rateLimit;
    private static HttpServer server;
    private boolean llm = true;

    /** Init arg {@code llm=false}: configure no model, so the application runs the local grader. */
    @Override
    public void init(Map<String, String> initArgs) {
        llm = !"false".equals(initArgs.get("llm"));
    }

    public static void script(String answerId, Reply... replies) {
        SCRIPTS.computeIfAbsent(answerId, k -> new ConcurrentLinkedDeque<>()).addAll(List.of(replies));
    }

    /**
     * Enforces a rate limit as OpenAI does, until {@link #unlimited()}: {@code requestsPerMinute} and
     * {@code tokensPerMinute}, each a bucket that refills continuously and holds {@code burst} worth of its
     * per-minute limit (OpenAI's buckets hold a full minute; a shorter burst reaches the steady state sooner).
     */
    public static ProviderRateLimit limitRate(long requestsPerMinute, long tokensPerMinute, java.time.Duration burst) {
        ProviderRateLimit limit = new ProviderRateLimit(requestsPerMinute, tokensPerMinute, burst);
        rateLimit = limit;
        return limit;
    }

    /** The rate limit in force, or null. */
    public static ProviderRateLimit rateLimit() {
        return rateLimit;
    }

    public static void unlimited() {
        rateLimit = null;
    }

    public static List<Call> calls(String answerId) {
        return CALLS.getOrDefault(answerId, List.of());
    }

    /** The claims of the last token question-service received for a question. */
    public static JsonNode lastRubricTokenClaims(String questionId) throws IOException {
        String token = RUBRIC_TOKENS.get(questionId);
        if (token == null) {
            return null;
        }
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    /** Serves {@code rubric} (with its {@code questionId}) to tokens of {@code team} only, as a team's own question. */
    public static void teamRubric(String team, Map<String, Object> rubric) {
        TEAM_RUBRICS.put(team + "\u0000" + rubric.get("questionId"), rubric);
    }

    public static synchronized String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                // a backlog for every connection a benchmark opens at once (the default, 50, drops SYNs)
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor()); // as many answers in flight as a benchmark asks for
            server.createContext("/v1/chat/completions", FakeUpstreams::chat);
            server.createContext("/api/questions/", FakeUpstreams::rubric);
            server.start();
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("viva.grader.llm.base-url", llm ? baseUrl() + "/v1" : "");
        config.put("viva.grader.llm.api-key", llm ? "test-key" : "");
        config.put("quarkus.rest-client.question-service.url", baseUrl());
        return config;
    }

    @Override
    public void stop() {
        // Kept for the JVM: other test classes with the same resources reuse the application.
    }

    private static void rubric(HttpExchange ex) throws IOException {
        Matcher m = RUBRIC.matcher(ex.getRequestURI().getPath());
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            send(ex, 401, Map.of(), "{\"status\":401}");
            return;
        }
        if (!m.matches()) {
            send(ex, 404, Map.of(), "{\"status\":404}");
            return;
        }
        String id = m.group(1);
        RUBRIC_TOKENS.put(id, auth.substring(7));
        if (id.startsWith("unavailable-")) {
            send(ex, 503, Map.of(), "{\"status\":503}");
            return;
        }
        String[] parts = auth.substring(7).split("\\.");
        String team = parts.length < 2 ? "" : JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("team").asText();
        Map<String, Object> rubric = TEAM_RUBRICS.getOrDefault(team + "\u0000" + id, Bank.rubrics().get(id));
        if (rubric == null) {
            send(ex, 404, Map.of(), "{\"status\":404,\"title\":\"Not Found\"}");
            return;
        }
        Map<String, Object> copy = new LinkedHashMap<>(rubric);
        String query = ex.getRequestURI().getQuery();
        if (query != null && query.startsWith("version=")) {
            copy.put("version", Integer.parseInt(query.substring(8)));
        }
        send(ex, 200, Map.of(), JSON.writeValueAsString(copy));
    }

    private static void chat(HttpExchange ex) throws IOException {
        JsonNode request = JSON.readTree(ex.getRequestBody());
        TOTAL_CALLS.incrementAndGet();
        JsonNode messages = request.path("messages");
        String last = messages.get(messages.size() - 1).path("content").asText();
        Matcher m = ANSWER_ID.matcher(last);
        String answerId = m.find() ? m.group(1) : "unknown";
        ProviderRateLimit limit = rateLimit;
        ProviderRateLimit.Admission admission = limit == null ? null : limit.admit(ProviderRateLimit.charge(request));
        boolean refused = admission != null && !admission.admitted();
        CALLS.computeIfAbsent(answerId, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(new Call(System.currentTimeMillis(), request, refused));
        Map<String, String> limitHeaders = admission == null ? Map.of() : admission.headers();
        if (refused) {
            send(ex, 429, limitHeaders, admission.error());
            return;
        }
        Deque<Reply> script = SCRIPTS.get(answerId);
        Reply reply = script == null ? null : script.poll();
        if (reply == null) {
            reply = Reply.ok(defaultReply(request, last)).delayed(defaultDelayMs);
        }
        if (reply.delayMs() > 0) {
            try {
                Thread.sleep(reply.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reply.status() != 200) {
            Map<String, String> headers = new LinkedHashMap<>(limitHeaders);
            headers.putAll(reply.headers());
            send(ex, reply.status(), headers, reply.content());
            return;
        }
        ObjectNode completion = JSON.createObjectNode();
        completion.put("id", "chatcmpl-test");
        completion.put("object", "chat.completion");
        completion.put("created", System.currentTimeMillis() / 1000);
        completion.put("model", request.path("model").asText());
        ArrayNode choices = completion.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.put("finish_reason", "stop");
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", reply.content());
        message.putNull("refusal");
        ObjectNode usage = completion.putObject("usage");
        usage.put("prompt_tokens", 1000);
        usage.put("completion_tokens", 200);
        usage.put("total_tokens", 1200);
        try {
            send(ex, 200, limitHeaders, JSON.writeValueAsString(completion));
        } catch (IOException closed) {
            // the client gave up (timeout test)
        }
    }

    /** The default reply for an answer to a bank question, for scripts that only want to add a delay. */
    public static String defaultReplyFor(String questionId, String answer) throws IOException {
        dev.viva.grader.domain.Rubric rubric = Bank.rubric(questionId);
        ObjectNode request = JSON.createObjectNode();
        request.putObject("response_format").putObject("json_schema")
                .set("schema", JSON.valueToTree(dev.viva.grader.llm.GraderPrompt.replySchema(rubric)));
        return defaultReply(request, "<candidate_answer id=\"x\">\n" + answer + "\n</candidate_answer>");
    }

    /** A valid reply built from the request's schema: every key point covered with the answer's first words. */
    static String defaultReply(JsonNode request, String lastMessage) throws IOException {
        JsonNode props = request.path("response_format").path("json_schema").path("schema").path("properties");
        String answer = lastMessage.replaceAll("(?s)^<candidate_answer[^>]*>\\n?", "").replaceAll("(?s)\\n?</candidate_answer>$", "");
        String quote = answer.length() > 30 ? answer.substring(0, 30) : answer;
        ObjectNode reply = JSON.createObjectNode();
        reply.put("reasoning", "The answer covers the rubric.");
        ArrayNode kps = reply.putArray("keyPoints");
        for (JsonNode id : props.path("keyPoints").path("items").path("properties").path("id").path("enum")) {
            ObjectNode kp = kps.addObject();
            kp.put("id", id.asText());
            kp.put("verdict", "covered");
            kp.putArray("evidence").add(quote);
        }
        ArrayNode criteria = reply.putArray("criteria");
        JsonNode levels = props.path("criteria").path("items").path("properties").path("level").path("enum");
        int max = levels.get(levels.size() - 1).asInt();
        for (JsonNode id : props.path("criteria").path("items").path("properties").path("id").path("enum")) {
            ObjectNode c = criteria.addObject();
            c.put("id", id.asText());
            c.put("level", max);
            c.put("justification", "fits the top descriptor");
        }
        reply.putArray("redFlags");
        reply.put("promptInjectionSuspected", false);
        reply.put("injectionEvidence", "");
        reply.putArray("strengths").add("Clear structure");
        reply.putArray("improvements").add("Mention evaluation");
        return JSON.writeValueAsString(reply);
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
