package dev.viva.session.service;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.session.domain.InterviewSession;
import dev.viva.session.domain.SessionStatus;

/**
 * Whether a report reveals reference answers and missed key points: the one place that decides it,
 * so that a further rule (a team's reveal policy, say) is added here and nowhere else.
 *
 * <p>A session reveals once it no longer takes answers, completed or expired alike, and every answer's
 * grading is done (GRADED or FAILED); unanswered questions are revealed with the rest.
 */
@ApplicationScoped
public class RevealPolicy {

    /** The decision, and what the report tells its reader when nothing is revealed yet. */
    public record Reveal(boolean revealed, String note) {
    }

    public Reveal decide(InterviewSession session, SessionStatus status, int pending) {
        if (status == SessionStatus.OPEN) {
            return new Reveal(false, "Reference answers and missed key points are shown once the session is completed"
                    + " (or its time runs out) and every answer is graded.");
        }
        if (pending > 0) {
            return new Reveal(false, "Reference answers and missed key points are shown once every answer is graded ("
                    + pending + " still being graded).");
        }
        return new Reveal(true, null);
    }
}
