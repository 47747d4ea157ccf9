package dev.viva.grader.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.viva.grader.domain.Review;
import dev.viva.grader.domain.ReviewedGrade;
import dev.viva.grader.domain.ScoredEvaluation;
import dev.viva.grader.service.JsonText;

/** A stored review: who, when, the verdicts that stand beside the machine's, what changed, comment and reason. */
public record ReviewView(
        UUID id,
        UUID answerId,
        UUID evaluationId,
        String reviewer,
        String action,
        int score,
        Integer machineScore,
        List<ReviewedGrade.KeyPoint> keyPoints,
        List<ReviewedGrade.Criterion> criteria,
        List<ScoredEvaluation.RedFlagHit> redFlags,
        List<ReviewedGrade.Change> changes,
        String comment,
        String reason,
        int revision,
        OffsetDateTime createdAt) {

    public static ReviewView of(Review r) {
        return new ReviewView(r.id, r.answerId, r.evaluationId, r.reviewer, r.action.name(), r.score, r.machineScore,
                JsonText.list(r.keyPoints, ReviewedGrade.KeyPoint[].class),
                JsonText.list(r.criteria, ReviewedGrade.Criterion[].class),
                JsonText.list(r.redFlags, ScoredEvaluation.RedFlagHit[].class),
                JsonText.list(r.changes, ReviewedGrade.Change[].class), r.comment, r.reason, r.revision, r.createdAt);
    }

    public GradeOfRecord gradeOfRecord() {
        return new GradeOfRecord("review", evaluationId, id, "GRADED", score, revision, reviewer, createdAt);
    }
}
