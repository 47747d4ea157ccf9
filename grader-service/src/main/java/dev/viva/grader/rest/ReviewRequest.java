package dev.viva.grader.rest;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.viva.grader.domain.ReviewAction;
import dev.viva.grader.domain.Verdict;

/**
 * POST /api/evaluations/{answerId}/reviews. ACCEPT keeps the machine's verdicts; OVERRIDE replaces the
 * listed key point statuses and criterion levels (the others stay), and {@code redFlags}, when given,
 * the ids of the red flags the answer hits. A FAILED evaluation needs every key point and criterion.
 */
public record ReviewRequest(
        @NotNull(message = "give ACCEPT or OVERRIDE") ReviewAction action,
        @Size(max = 100) List<@NotNull @Valid KeyPoint> keyPoints,
        @Size(max = 100) List<@NotNull @Valid Criterion> criteria,
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> redFlags,
        @Size(max = 4000) String comment,
        @Size(max = 2000) String reason) {

    public record KeyPoint(@NotBlank @Size(max = 200) String id, @NotNull(message = "give COVERED, PARTIAL or MISSING") Verdict status) {
    }

    public record Criterion(@NotBlank @Size(max = 200) String id, @NotNull Integer level) {
    }
}
