package dev.viva.session.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The grader's outcome for one answer, consumed from {@code answers.graded}.
 * Wire format: deploy/contracts/answer-graded.v1.schema.json.
 */
public record AnswerGraded(
        Integer schemaVersion,
        UUID eventId,
        UUID evaluationId,
        UUID answerId,
        UUID sessionId,
        String team,
        String questionId,
        Integer rubricVersion,
        String status,
        Integer score,
        String grader,
        String model,
        List<Criterion> criteria,
        List<KeyPoint> keyPoints,
        List<String> redFlags,
        Boolean injectionSuspected,
        List<String> strengths,
        List<String> improvements,
        String referenceAnswer,
        String failureReason,
        Instant gradedAt) {

    public static final int SCHEMA_VERSION = 1;

    public record Criterion(String id, String name, Integer level, Integer maxLevel) {
    }

    public record KeyPoint(String id, String text, Boolean required, String status) {
    }

    public boolean graded() {
        return "GRADED".equals(status);
    }
}
