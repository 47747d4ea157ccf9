package dev.viva.grader.rest;

import java.util.List;
import java.util.UUID;

/** The answers queued for re-grading; their new evaluations appear in GET /api/evaluations/{answerId}. */
public record RegradeAccepted(int accepted, List<UUID> answerIds) {
}
