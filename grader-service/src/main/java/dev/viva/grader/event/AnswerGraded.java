package dev.viva.grader.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The outcome of grading one answer (deploy/contracts/answer-graded.v1.schema.json). */
public record AnswerGraded(
        int schemaVersion,
        UUID eventId,
        UUID evaluationId,
        UUID answerId,
        UUID sessionId,
        String team,
        String questionId,
        int rubricVersion,
        String status,
        Integer score,
        String grader,
        String model,
        List<Criterion> criteria,
        List<KeyPoint> keyPoints,
        List<String> redFlags,
        boolean injectionSuspected,
        List<String> strengths,
        List<String> improvements,
        String referenceAnswer,
        String failureReason,
        OffsetDateTime gradedAt) {

    public static final int SCHEMA_VERSION = 1;
    /** The {@code eventType} header of its records. */
    public static final String TYPE = "AnswerGraded";

    public record Criterion(String id, String name, int level, int maxLevel) {
    }

    public record KeyPoint(String id, String text, boolean required, String status) {
    }
}
