package dev.viva.question.domain;

import java.util.List;

/**
 * What one rubric version says: everything a grader needs, stored as JSON and hashed to tell
 * whether a question's content changed.
 */
public record Rubric(
        String prompt,
        String category,
        Difficulty difficulty,
        String referenceAnswer,
        List<KeyPoint> keyPoints,
        List<Criterion> criteria,
        List<RedFlag> redFlags,
        List<String> followUps) {

    public record KeyPoint(String id, String text, int weight, boolean required, List<String> terms) {
    }

    public record Criterion(String id, String name, int weight, List<Level> levels) {
    }

    public record Level(int level, String label, String descriptor) {
    }

    public record RedFlag(String id, String text, int penalty) {
    }
}
