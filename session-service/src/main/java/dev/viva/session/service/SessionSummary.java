package dev.viva.session.service;

import java.time.Instant;
import java.util.UUID;

import dev.viva.session.domain.SessionStatus;

/**
 * One line of a session history; {@code score} is the mean of the graded answers so far (null if none), with
 * interviewers' reviews counted as the grades of record; {@code reviewedAnswers} says how many were reviewed.
 */
public record SessionSummary(UUID id, String title, String candidate, SessionStatus status, Instant createdAt,
        Instant completedAt, int questionCount, Integer score, String assignedBy,
        int reviewedAnswers) {
}
