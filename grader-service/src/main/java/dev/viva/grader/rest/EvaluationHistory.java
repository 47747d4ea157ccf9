package dev.viva.grader.rest;

import java.util.List;
import java.util.UUID;

/**
 * The current machine evaluation of an answer and every evaluation it has had, newest first; the
 * interviewers' reviews, newest first; and the grade of record (the latest review, else {@code latest}).
 */
public record EvaluationHistory(UUID answerId, EvaluationView latest, List<EvaluationView> history,
        GradeOfRecord gradeOfRecord, List<ReviewView> reviews) {
}
