package dev.viva.grader.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.Rubric;
import io.smallrye.jwt.build.Jwt;

/**
 * Rubrics from question-service, cached by question and version (versions are immutable). A fetch
 * that fails is retried with back-off a few times; then the caller records the answer as FAILED.
 */
@ApplicationScoped
public class RubricClient {

    private static final Logger LOG = Logger.getLogger(RubricClient.class);
    public static final String SERVICE_NAME = "grader-service";

    private final QuestionServiceApi api;
    private final GraderConfig config;
    private final Map<String, Rubric> cache = new ConcurrentHashMap<>();

    public RubricClient(@RestClient QuestionServiceApi api, GraderConfig config) {
        this.api = api;
        this.config = config;
    }

    public Rubric rubric(String questionId, int version, String team) throws RubricUnavailableException {
        String key = questionId + "@" + version;
        Rubric cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Duration backoff = config.rubrics().backoff();
        String problem = null;
        for (int attempt = 1; attempt <= config.rubrics().attempts(); attempt++) {
            try {
                Rubric rubric = api.rubric(questionId, version, "Bearer " + token(team));
                validate(rubric, questionId, version);
                cache.put(key, rubric);
                return rubric;
            } catch (WebApplicationException e) {
                int status = e.getResponse().getStatus();
                if (status == 404) {
                    throw new RubricUnavailableException("rubric " + key + " not found in question-service");
                }
                if (status == 401 || status == 403) {
                    throw new RubricUnavailableException("question-service refused the grader's token (" + status + ")");
                }
                problem = "question-service answered " + status;
            } catch (RubricUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                problem = "question-service unreachable: " + e.getClass().getSimpleName();
            }
            if (attempt < config.rubrics().attempts()) {
                LOG.infof("Fetching rubric %s failed (%s), attempt %d; retrying in %d ms", key, problem, attempt, backoff.toMillis());
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new RubricUnavailableException("rubric " + key + " unavailable after " + config.rubrics().attempts()
                + " attempts: " + problem);
    }

    private static void validate(Rubric r, String questionId, int version) throws RubricUnavailableException {
        if (r == null || r.keyPoints() == null || r.keyPoints().isEmpty() || r.criteria() == null || r.criteria().isEmpty()
                || !questionId.equals(r.questionId()) || r.version() != version
                || r.criteria().stream().anyMatch(c -> c.levels() == null || c.maxLevel() < 1)) {
            throw new RubricUnavailableException("question-service sent an unusable rubric for " + questionId + "@" + version);
        }
    }

    /** A short-lived token with role service, acting for the event's team. */
    String token(String team) {
        return Jwt.issuer(config.tokenIssuer())
                .subject(SERVICE_NAME)
                .groups("service")
                .claim("team", team)
                .expiresIn(config.rubrics().tokenTtl())
                .sign();
    }
}
