package dev.viva.grader.client;

import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.viva.grader.config.GraderConfig;
import dev.viva.grader.domain.Rubric;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.jwt.build.Jwt;

/**
 * Rubrics from question-service, cached by question, version and team (versions are immutable; question ids
 * are unique only within a team's bank, so two teams' questions of one id are two rubrics; the cache is
 * {@code quarkus.cache.caffeine.rubrics.*}). A fetch that fails for a reason that may pass (a 5xx, no
 * answer in time, no connection) is retried with exponential back-off; then, or at once for a 404 or a
 * refused token, the caller records the answer as FAILED with the reason. The retry policy is
 * configuration: {@code dev.viva.grader.client.RubricClient/rubric/Retry/maxRetries} and {@code .../delay}.
 */
@ApplicationScoped
public class RubricClient {

    public static final String SERVICE_NAME = "grader-service";
    static final int MAX_RETRIES = 3;

    /** A failure worth another attempt. */
    static class TransientFailure extends RuntimeException {
        TransientFailure(String message) {
            super(message);
        }
    }

    private final QuestionServiceApi api;
    private final GraderConfig config;
    private final int attempts;

    public RubricClient(@RestClient QuestionServiceApi api, GraderConfig config) {
        this.api = api;
        this.config = config;
        this.attempts = 1 + ConfigProvider.getConfig()
                .getOptionalValue(RubricClient.class.getName() + "/rubric/Retry/maxRetries", Integer.class).orElse(MAX_RETRIES);
    }

    @CacheResult(cacheName = "rubrics")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = MAX_RETRIES, delay = 500, jitter = 100, retryOn = {TransientFailure.class, TimeoutException.class})
    @ExponentialBackoff(maxDelay = 10_000)
    @Fallback(fallbackMethod = "unavailable", applyOn = {TransientFailure.class, TimeoutException.class})
    public Rubric rubric(@CacheKey String questionId, @CacheKey int version, @CacheKey String team) throws RubricUnavailableException {
        Rubric rubric;
        try {
            rubric = api.rubric(questionId, version, "Bearer " + token(team));
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                throw new RubricUnavailableException("rubric " + questionId + "@" + version + " not found in question-service");
            }
            if (status == 401 || status == 403) {
                throw new RubricUnavailableException("question-service refused the grader's token (" + status + ")");
            }
            throw new TransientFailure("question-service answered " + status);
        } catch (RuntimeException e) {
            throw new TransientFailure("question-service unreachable: " + e.getClass().getSimpleName());
        }
        validate(rubric, questionId, version);
        return rubric;
    }

    /** What the caller records once the retries are spent. */
    Rubric unavailable(String questionId, int version, String team, Exception last) throws RubricUnavailableException {
        throw new RubricUnavailableException("rubric " + questionId + "@" + version + " unavailable after " + attempts
                + " attempts: " + (last instanceof TimeoutException ? "no answer in time" : last.getMessage()));
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
