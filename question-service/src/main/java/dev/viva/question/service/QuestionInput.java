package dev.viva.question.service;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A question in the bank format of BANK.md: what admins send, what import and export carry and
 * what the bank files hold. Boxed types so that a missing field is reported, not defaulted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "QuestionInput", description = "A question in the bank format of BANK.md")
public record QuestionInput(
        String id,
        String category,
        String difficulty,
        List<String> tags,
        String prompt,
        String referenceAnswer,
        List<KeyPoint> keyPoints,
        List<RedFlag> redFlags,
        List<String> followUps,
        List<Criterion> criteria) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "KeyPointInput")
    public record KeyPoint(String id, String text, Integer weight, Boolean required, List<String> terms) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RedFlagInput")
    public record RedFlag(String id, String text, Integer penalty) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "CriterionInput")
    public record Criterion(String id, String name, Integer weight, List<Level> levels) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "LevelInput")
    public record Level(Integer level, String label, String descriptor) {
    }

    public QuestionInput withCategory(String defaultCategory) {
        return category != null ? this
                : new QuestionInput(id, defaultCategory, difficulty, tags, prompt, referenceAnswer, keyPoints, redFlags,
                        followUps, criteria);
    }
}
