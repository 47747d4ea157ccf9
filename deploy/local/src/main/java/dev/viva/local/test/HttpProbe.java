package dev.viva.local.test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sends a request exactly as written (no Content-Type unless given, the query as already encoded) and reads
 * the answer; a server-sent event stream is not read past its headers. Used by the generated suites, where
 * a client library's helpful defaults would hide what the server does with a careless request.
 */
public final class HttpProbe {

    /** What came back. */
    public record Answer(int status, String contentType, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        public List<String> violations() {
            return ProblemContract.violations(status, contentType, this::header, body);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private HttpProbe() {
    }

    public static Answer send(String baseUrl, String method, String uri, String token, String contentType, String body) {
        return send(baseUrl, method, uri, token, contentType, body, Map.of());
    }

    public static Answer send(String baseUrl, String method, String uri, String token, String contentType, String body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + uri)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = response.headers().firstValue("Content-Type").orElse(null);
            String text;
            try (InputStream in = response.body()) {
                text = type != null && type.startsWith("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), type, response.headers().map(), text);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + (uri.length() > 200 ? uri.substring(0, 200) + "..." : uri) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
