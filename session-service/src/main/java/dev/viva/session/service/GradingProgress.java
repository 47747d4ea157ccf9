package dev.viva.session.service;

import java.time.Instant;
import java.util.UUID;

/**
 * A grading progress event for a session's event stream: {@code snapshot} when a client connects,
 * then {@code answer-graded} / {@code answer-failed} as evaluations are applied.
 */
public record GradingProgress(
        String type,
        UUID sessionId,
        UUID answerId,
        String questionId,
        String status,
        Integer score,
        int graded,
        int failed,
        int pending,
        int questions,
        Instant at) {
}
