package dev.viva.session.service;

import java.time.Instant;
import java.util.UUID;

/**
 * A grading progress event for a session's event stream: {@code snapshot} when a client connects,
 * then {@code answer-graded} / {@code answer-failed} as evaluations are applied, and a
 * {@code heartbeat} (no counts) every 20 seconds.
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

    public static GradingProgress heartbeat(UUID sessionId) {
        return new GradingProgress("heartbeat", sessionId, null, null, null, null, 0, 0, 0, 0, Instant.now());
    }
}
