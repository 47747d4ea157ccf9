package dev.viva.session.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A candidate's answer, sent for grading on {@code answers.submitted} keyed by session id.
 * Wire format: deploy/contracts/answer-submitted.v1.schema.json.
 */
public record AnswerSubmitted(
        int schemaVersion,
        UUID eventId,
        UUID answerId,
        UUID sessionId,
        String team,
        String candidate,
        String questionId,
        int rubricVersion,
        String prompt,
        String answerText,
        Instant submittedAt) {

    public static final int SCHEMA_VERSION = 1;
    /** The {@code eventType} header of its records. */
    public static final String TYPE = "AnswerSubmitted";
}
