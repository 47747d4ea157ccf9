package dev.viva.grader.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Exactly one of questionId (every answer of the team to that question) or answerIds. */
public record RegradeRequest(
        @Pattern(regexp = "^[a-z0-9]+(-[a-z0-9]+)*$", message = "must be a question slug") String questionId,
        @Size(min = 1, max = 500, message = "must list 1 to 500 answer ids") List<UUID> answerIds) {
}
