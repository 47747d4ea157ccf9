package dev.viva.grader.event;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Copy of session-service's event (deploy/contracts/answer-submitted.v1.schema.json). */
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
        OffsetDateTime submittedAt) {

    public static final int SCHEMA_VERSION = 1;
}
