package dev.viva.session.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.viva.session.domain.SessionStatus;
import dev.viva.session.event.AnswerGraded;

/**
 * The feedback report. {@code overallScore} is the unweighted mean over the session's questions of the
 * graded answers' scores, an unanswered question counting as 0 ({@link #SCORING}); failed and pending
 * gradings are left out until they have a score. Category scores likewise per category.
 * Reference answers and missed key point texts are filled in only when {@code revealed} ({@link RevealPolicy}):
 * the session is COMPLETED or EXPIRED and every answer's grading is done; unanswered questions are revealed
 * too. {@code revealNote} says why nothing is revealed yet.
 */
public record SessionReport(
        UUID sessionId,
        String title,
        String candidate,
        SessionStatus status,
        Instant createdAt,
        Instant completedAt,
        Integer overallScore,
        String scoring,
        Progress progress,
        boolean revealed,
        List<CategoryScore> categories,
        List<QuestionReport> questions,
        /** "answered N of M questions" */
        String answeredSummary,
        String revealNote,
        /** when the session stopped taking answers: completed, or the end of its time limit; null while open */
        Instant endedAt,
        /** from the start to {@code endedAt}, or to now while the session is open */
        long durationSeconds) {

    public static final String SCORING = "mean over all questions (0-100), unweighted; an unanswered question counts"
            + " as 0; failed and still-pending gradings are not counted until they have a score; no score before the"
            + " first grade";

    public record Progress(int graded, int failed, int pending, int answered, int questions, boolean complete,
            int unanswered) {

        public Progress(int graded, int failed, int pending, int answered, int questions, boolean complete) {
            this(graded, failed, pending, answered, questions, complete, Math.max(0, questions - answered));
        }

        /** "graded N of M": done (graded or failed) out of answered. */
        public String label() {
            return "graded " + (graded + failed) + " of " + answered + " answers (" + questions + " questions)";
        }
    }

    public record CategoryScore(String category, Integer score, int graded, int questions) {
    }

    public record QuestionReport(
            int position,
            String questionId,
            String prompt,
            String category,
            String difficulty,
            UUID answerId,
            String status,
            String answerText,
            Integer score,
            String grader,
            String model,
            List<AnswerGraded.Criterion> criteria,
            List<String> keyPointsCovered,
            List<String> keyPointsPartial,
            int keyPointsMissedCount,
            List<String> keyPointsMissed,
            List<String> strengths,
            List<String> improvements,
            /** feedback items held back until the reveal because they quote a missed key point or the reference answer */
            int feedbackWithheld,
            List<String> redFlags,
            boolean injectionSuspected,
            String referenceAnswer,
            String failureReason,
            /** machine, or review when an interviewer reviewed the grade (then {@code review} says who and why) */
            String gradeSource,
            Review review,
            /** the rubric's follow-up questions, shown with the reference answer */
            List<String> followUps) {

        /** What this question adds to the overall score: its score, 0 when unanswered, null while it has none. */
        public Integer countedScore() {
            return "UNANSWERED".equals(status) ? Integer.valueOf(0) : score;
        }
    }

    /**
     * An interviewer's review that is this answer's grade of record. {@code reason} is for the team and is
     * null in a candidate's report; {@code machineScore} is the grader's score before the review.
     */
    public record Review(String reviewer, Instant reviewedAt, String action, Integer machineScore, String comment,
            String reason) {

        public static final String LABEL = "reviewed by an interviewer";
    }
}
