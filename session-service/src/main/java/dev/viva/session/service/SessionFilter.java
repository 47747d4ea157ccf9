package dev.viva.session.service;

import java.time.Instant;

import dev.viva.session.domain.SessionStatus;

/**
 * Which of the team's sessions to list or export; every part is optional (null). {@code from} is
 * inclusive and {@code to} exclusive, on the session's start time; {@code category}: sessions with at
 * least one question in it; {@code status} as readers see it (an open session past its limit is EXPIRED).
 */
public record SessionFilter(String candidate, SessionStatus status, Instant from, Instant to, String category, int limit) {

    public SessionFilter forCandidate(String subject) {
        return new SessionFilter(subject, status, from, to, category, limit);
    }
}
