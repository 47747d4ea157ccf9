package dev.viva.grader.rest;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The grade that counts for an answer: its latest review ({@code source} review), else its latest machine
 * evaluation ({@code source} machine). {@code revision} is the one the AnswerGraded event carried.
 */
public record GradeOfRecord(String source, UUID evaluationId, UUID reviewId, String status, Integer score,
        Integer revision, String reviewer, OffsetDateTime at) {
}
