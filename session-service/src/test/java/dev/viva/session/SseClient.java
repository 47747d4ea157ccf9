package dev.viva.session;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.RestAssured;

/** Reads a session's server-sent events in the background, as a browser's EventSource would. */
final class SseClient implements AutoCloseable {

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private final Thread reader;
    private volatile boolean ended;
    final int status;

    SseClient(String token, Object sessionId) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/api/sessions/" + sessionId + "/events"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        status = response.statusCode();
        body = response.body();
        reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(Viva.JSON.readTree(line.substring(5).strip()));
                }
            }
            ended = true;
        } catch (Exception closed) {
            // the test closed the stream
        }
    }

    /** The server ended the stream. */
    boolean ended() {
        return ended;
    }

    List<JsonNode> events() {
        return events;
    }

    List<JsonNode> eventsFor(String answerId) {
        return events.stream().filter(e -> answerId.equals(e.path("answerId").asText())).toList();
    }

    @Override
    public void close() throws Exception {
        body.close();
    }
}
