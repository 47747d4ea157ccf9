package dev.viva.grader.domain;

/** How a grading ended: scored, or recorded as failed with its reason (never turned into a score). */
public enum EvaluationStatus {
    GRADED, FAILED
}
