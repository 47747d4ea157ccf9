package dev.viva.session.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Body of POST /api/questions/draw (deploy/contracts/draw.v1.schema.json). {@code bank} (team, shared,
 * both) and {@code tags} are left out when not chosen, so a question-service that predates them draws as before.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrawRequest(int count, List<String> categories, String difficulty, List<String> excludeIds, Long seed,
        String bank, List<String> tags) {
}
