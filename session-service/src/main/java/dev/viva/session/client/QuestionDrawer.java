package dev.viva.session.client;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.viva.session.service.FieldError;
import dev.viva.session.service.ProblemException;

/**
 * Draws questions for a candidate's team, with a short-lived service token ({@link ServiceTokens}). question-service being
 * unreachable, slow or failing becomes a 503; its refusals (4xx) are passed on as 422 with its reason.
 */
@ApplicationScoped
public class QuestionDrawer {

    private static final Logger LOG = Logger.getLogger(QuestionDrawer.class);

    private final QuestionServiceClient client;
    private final ServiceTokens tokens;
    private final ObjectMapper mapper;

    public QuestionDrawer(@RestClient QuestionServiceClient client, ServiceTokens tokens, ObjectMapper mapper) {
        this.client = client;
        this.tokens = tokens;
        this.mapper = mapper;
    }

    public DrawResponse draw(String team, DrawRequest request) {
        String token = tokens.forTeam(team);
        Response received;
        try {
            received = client.draw("Bearer " + token, request);
        } catch (WebApplicationException e) {
            received = e.getResponse();
        } catch (ProcessingException | IllegalStateException e) {
            LOG.warnf("question-service unreachable: %s", e.getMessage());
            throw unavailable("question-service did not answer in time");
        }
        try (Response response = received) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                DrawResponse drawn = readQuietly(response, DrawResponse.class);
                if (drawn == null || drawn.questions() == null || drawn.questions().size() != request.count()) {
                    throw unavailable("question-service returned an unusable draw");
                }
                return drawn;
            }
            if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429) {
                String detail = reason(response);
                LOG.infof("question-service refused the draw (%d): %s", status, detail);
                throw new ProblemException(422, "Questions could not be drawn", detail,
                        List.of(new FieldError(field(status, detail), detail)));
            }
            LOG.warnf("question-service answered %d to a draw", status);
            throw unavailable("question-service answered " + status);
        }
    }

    private String reason(Response response) {
        String body = readQuietly(response, String.class);
        if (body == null || body.isBlank()) {
            return "question-service answered " + response.getStatus();
        }
        try {
            JsonNode problem = mapper.readTree(body);
            if (problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
            if (problem.hasNonNull("title")) {
                return problem.get("title").asText();
            }
        } catch (Exception ignored) {
            // not JSON: fall back to the status line
        }
        return "question-service answered " + response.getStatus();
    }

    /** The request field a refusal of question-service is about, in the names of POST /api/sessions. */
    private static String field(int status, String detail) {
        if (status == 422) {
            return "questionCount";
        }
        String d = detail == null ? "" : detail;
        if (d.startsWith("bank")) {
            return "bank";
        }
        if (d.startsWith("tags")) {
            return "tags";
        }
        return "categories";
    }

    private static <T> T readQuietly(Response response, Class<T> type) {
        try {
            return response.hasEntity() ? response.readEntity(type) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Question bank unavailable", detail + "; try again shortly", List.of());
    }
}
