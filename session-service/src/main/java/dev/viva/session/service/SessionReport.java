package dev.viva.session.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.viva.session.domain.SessionStatus;
import dev.viva.session.event.AnswerGraded;

/**
 * The feedback report. {@code overallScore} is the unweighted mean of the scores of the graded current
 * answers (FAILED, pending and unanswered questions do not count); category scores likewise per category.
 * Reference answers and missed key point texts are filled in only when {@code revealed}: the session is
 * COMPLETED and every answer's grading is done (GRADED or FAILED).
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
        List<QuestionReport> questions) {

    public static final String SCORING = "mean of the graded answers' scores (0-100), unweighted; failed, pending and unanswered questions are not counted";

    public record Progress(int graded, int failed, int pending, int answered, int questions, boolean complete) {

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
