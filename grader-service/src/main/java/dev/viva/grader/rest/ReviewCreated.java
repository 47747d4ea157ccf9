package dev.viva.grader.rest;

/** The answer to a review: the stored review and the answer's grade of record, which it now is. */
public record ReviewCreated(ReviewView review, GradeOfRecord gradeOfRecord) {
}
