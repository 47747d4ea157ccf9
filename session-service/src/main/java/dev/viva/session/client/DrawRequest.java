package dev.viva.session.client;

import java.util.List;

/** Body of POST /api/questions/draw (deploy/contracts/draw.v1.schema.json). */
public record DrawRequest(int count, List<String> categories, String difficulty, List<String> excludeIds, Long seed) {
}
