package dev.viva.grader.domain;

import java.util.List;

/**
 * A second grader's grading of an answer, stored with the primary grader's evaluation
 * ({@code evaluations.second_opinion}) so the review queue can show where the two disagree. The primary
 * grader's verdicts stay the grade of record.
 *
 * @param grader          the second grader's kind ("local")
 * @param model           the second grader's model
 * @param promptVersion   the second grader's prompt (method) version
 * @param status          GRADED, or FAILED with {@code failureReason}
 * @param score           the score the service computed from the second grader's verdicts; null when it failed
 * @param primaryScore    the primary grader's score
 * @param scoreDifference second score minus primary score (negative: the second grader is harsher); null when either is missing
 * @param confidence      the second grader's confidence, 0 to 1, or null
 * @param keyPoints       key points of the rubric compared
 * @param keyPointsDiffer key points whose verdict (after evidence checks) differs between the two graders
 * @param disagreement    keyPointsDiffer / keyPoints; 0 when there are no key points
 * @param verdicts        each key point's verdict by both graders
 * @param latencyMs       how long the second grading took
 */
public record SecondOpinion(String grader, String model, String promptVersion, String status, Integer score,
        Integer primaryScore, Integer scoreDifference, Double confidence, int keyPoints, int keyPointsDiffer,
        double disagreement, List<KeyPoint> verdicts, long latencyMs, String failureReason) {

    /** One key point's verdict by the primary grader and by the second one. */
    public record KeyPoint(String id, Verdict primary, Verdict second) {

        public boolean differs() {
            return primary != second;
        }
    }
}
