package dev.viva.grader.domain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One immutable rubric version as question-service serves it (deploy/contracts/rubric.v1.schema.json). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Rubric(
        String questionId,
        int version,
        String prompt,
        String category,
        String difficulty,
        String referenceAnswer,
        List<KeyPoint> keyPoints,
        List<Criterion> criteria,
        List<RedFlag> redFlags,
        List<String> followUps) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KeyPoint(String id, String text, int weight, boolean required, List<String> terms) {
        public List<String> terms() {
            return terms == null ? List.of() : terms;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Criterion(String id, String name, int weight, List<Level> levels) {
        public int maxLevel() {
            return levels.stream().mapToInt(Level::level).max().orElse(0);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Level(int level, String label, String descriptor) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RedFlag(String id, String text, int penalty) {
    }

    public List<RedFlag> redFlags() {
        return redFlags == null ? List.of() : redFlags;
    }
}
