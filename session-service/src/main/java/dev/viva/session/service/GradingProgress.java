package dev.viva.session.service;

import java.time.Instant;
import java.util.UUID;

/**
 * A grading progress event for a session's event stream: {@code snapshot} when a client connects,
 * {@code answer-submitted} when an answer arrives, {@code answer-graded} / {@code answer-failed} as
 * evaluations are applied, a {@code heartbeat} every 20 seconds with the latest counts, and a final
 * {@code all-graded} once every answer is graded and no more can come (the session is completed or expired,
 * or every question is answered); the stream ends after it when the session takes no more answers.
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
        Instant at,
        int answered,
        /** OPEN, COMPLETED or EXPIRED */
        String sessionStatus,
        /** every answer's grading is done and no more answers are to come */
        boolean allGraded) {

    public static final String ALL_GRADED = "all-graded";

    /** The same counts, as a heartbeat: a client's progress bar never jumps back to zero. */
    public GradingProgress heartbeat() {
        return new GradingProgress("heartbeat", sessionId, null, null, null, null, graded, failed, pending, questions,
                Instant.now(), answered, sessionStatus, allGraded);
    }

    public GradingProgress asAllGraded() {
        return new GradingProgress(ALL_GRADED, sessionId, null, null, null, null, graded, failed, pending, questions,
                Instant.now(), answered, sessionStatus, true);
    }

    /** The stream has nothing more to say: all graded and the session takes no more answers. */
    public boolean last() {
        return ALL_GRADED.equals(type) && !"OPEN".equals(sessionStatus);
    }
}
