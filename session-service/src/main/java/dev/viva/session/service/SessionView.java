package dev.viva.session.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.viva.session.domain.AnswerStatus;
import dev.viva.session.domain.SessionStatus;

/** A session as its readers see it: the drawn questions and, per question, the current answer's state. */
public record SessionView(
        UUID id,
        String title,
        SessionStatus status,
        String candidate,
        Instant createdAt,
        Instant expiresAt,
        Instant completedAt,
        Integer timeLimitMinutes,
        List<QuestionView> questions,
        /** who assigned the session to the candidate; null when the candidate started it */
        String assignedBy) {

    public record QuestionView(int position, String questionId, String prompt, String category, String difficulty,
            AnswerRef answer) {
    }

    public record AnswerRef(UUID answerId, AnswerStatus status, Instant submittedAt) {
    }
}
