package dev.viva.session.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;

/**
 * Reads a rubric version from question-service, for the reveal of questions the grader never saw
 * (unanswered ones). Rubric versions never change, so a version read once is kept; a failure is not
 * kept and is thrown, so the next report tries again.
 */
@ApplicationScoped
public class RubricReader {

    private final QuestionServiceClient client;
    private final ServiceTokens tokens;

    public RubricReader(@RestClient QuestionServiceClient client, ServiceTokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    @CacheResult(cacheName = "rubric-versions")
    public RubricResponse rubric(@CacheKey String team, @CacheKey String questionId, @CacheKey int version) {
        return client.rubric("Bearer " + tokens.forTeam(team), questionId, version);
    }
}
