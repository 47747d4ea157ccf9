package dev.viva.grader.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The grade of record of one answer (deploy/contracts/answer-graded.v2.schema.json): a machine evaluation
 * ({@code gradeSource} machine) or an interviewer's review of one ({@code gradeSource} review, with
 * {@code review} set). {@code revision} increases with every grade published for the answer.
 */
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
        OffsetDateTime gradedAt,
        String gradeSource,
        ReviewNote review,
        int revision,
        Double confidence,
        List<String> followUps) {

    public static final int SCHEMA_VERSION = 2;
    /** The {@code eventType} header of its records. */
    public static final String TYPE = "AnswerGraded";
    public static final String SOURCE_MACHINE = "machine";
    public static final String SOURCE_REVIEW = "review";

    /** The same event, published as the answer's grade revision {@code revision}. */
    public AnswerGraded withRevision(int revision) {
        return new AnswerGraded(schemaVersion, eventId, evaluationId, answerId, sessionId, team, questionId, rubricVersion,
                status, score, grader, model, criteria, keyPoints, redFlags, injectionSuspected, strengths, improvements,
                referenceAnswer, failureReason, gradedAt, gradeSource, review, revision, confidence, followUps);
    }

    public record Criterion(String id, String name, int level, int maxLevel) {
    }

    public record KeyPoint(String id, String text, boolean required, String status) {
    }

    /** Who reviewed the grade, when, and what they said; {@code reason} is for the team. */
    public record ReviewNote(UUID reviewId, String reviewer, OffsetDateTime reviewedAt, String action,
            Integer machineScore, String comment, String reason) {
    }
}
