package dev.viva.session.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The grade of record for one answer, consumed from {@code answers.graded}. Wire format:
 * deploy/contracts/answer-graded.v2.schema.json, and version 1 (answer-graded.v1.schema.json), whose
 * records have no {@code gradeSource}, {@code review}, {@code revision}, {@code confidence} or {@code followUps}.
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
        Instant gradedAt,
        // Absent from version 1 records; left out when null, so a stored version 1 record still reads as one.
        @JsonInclude(JsonInclude.Include.NON_NULL) String gradeSource,
        @JsonInclude(JsonInclude.Include.NON_NULL) ReviewNote review,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer revision,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double confidence,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<String> followUps) {

    public static final int SCHEMA_VERSION = 2;
    public static final List<Integer> SUPPORTED_VERSIONS = List.of(1, 2);
    public static final String SOURCE_MACHINE = "machine";
    public static final String SOURCE_REVIEW = "review";

    public record Criterion(String id, String name, Integer level, Integer maxLevel) {
    }

    public record KeyPoint(String id, String text, Boolean required, String status) {
    }

    /** The interviewer's review that made this grade ({@code reason} is for the team, not the candidate). */
    public record ReviewNote(UUID reviewId, String reviewer, Instant reviewedAt, String action, Integer machineScore,
            String comment, String reason) {
    }

    public boolean graded() {
        return "GRADED".equals(status);
    }

    /** An interviewer's review rather than a machine evaluation. */
    public boolean fromReview() {
        return SOURCE_REVIEW.equals(gradeSource);
    }
}
