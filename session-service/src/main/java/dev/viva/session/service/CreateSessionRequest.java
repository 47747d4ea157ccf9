package dev.viva.session.service;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.viva.session.domain.Difficulty;
import dev.viva.session.domain.QuestionBank;

/**
 * POST /api/sessions: how many questions, optionally which categories, level, bank and tags, a title and a
 * time limit. {@code candidate}: an interviewer or admin names the candidate of the team the session is for
 * (an assignment); a candidate leaves it out (or names themselves).
 */
public record CreateSessionRequest(
        @NotNull @Min(1) @Max(20) Integer questionCount,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> categories,
        Difficulty difficulty,
        @Size(max = 200) String title,
        @Min(1) @Max(600) Integer timeLimitMinutes,
        @Size(max = 200) String candidate,
        @Schema(description = "team (your team's own questions), shared (the shared bank) or both (default)",
                enumeration = { "team", "shared", "both" })
        QuestionBank bank,
        @Schema(description = "only questions carrying at least one of these tags")
        @Size(max = 20) List<@NotBlank @Size(max = 60) String> tags) {
}
