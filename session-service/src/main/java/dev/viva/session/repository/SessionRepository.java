package dev.viva.session.repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.viva.session.domain.InterviewSession;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<InterviewSession, UUID> {

    public Optional<InterviewSession> findInTeam(UUID id, String team) {
        return find("id = ?1 and team = ?2", id, team).firstResultOptional();
    }

    public Optional<InterviewSession> lockInTeam(UUID id, String team) {
        return find("id = ?1 and team = ?2", id, team).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public List<InterviewSession> listForTeam(String team, String candidate, int limit) {
        var query = candidate == null
                ? find("team", Sort.descending("createdAt"), team)
                : find("team = ?1 and candidate = ?2", Sort.descending("createdAt"), team, candidate);
        return query.page(0, limit).list();
    }

    /** Marks open sessions past their time limit as EXPIRED; returns how many. */
    public int expireOverdue(Instant now) {
        return update("status = dev.viva.session.domain.SessionStatus.EXPIRED, version = version + 1 "
                + "where status = dev.viva.session.domain.SessionStatus.OPEN and expiresAt is not null and expiresAt <= ?1", now);
    }

    /**
     * The overall score of each session as its report gives it: the mean over its questions of the graded
     * current answers' scores, an unanswered question counting as 0 and a failed or pending grading left out;
     * no entry for a session with nothing to count yet.
     */
    public Map<UUID, Integer> overallScores(List<InterviewSession> sessions) {
        Map<UUID, Integer> scores = new HashMap<>();
        if (sessions.isEmpty()) {
            return scores;
        }
        List<Object[]> rows = getEntityManager().createQuery(
                "select a.sessionId, count(a), sum(case when a.status = dev.viva.session.domain.AnswerStatus.GRADED then 1 else 0 end), "
                        + "sum(case when a.status = dev.viva.session.domain.AnswerStatus.GRADED then a.score else 0 end) "
                        + "from Answer a where a.sessionId in :ids and a.current = true group by a.sessionId", Object[].class)
                .setParameter("ids", sessions.stream().map(s -> s.id).toList())
                .getResultList();
        Map<UUID, long[]> counts = new HashMap<>();
        for (Object[] row : rows) {
            counts.put((UUID) row[0], new long[] { ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                    row[3] == null ? 0 : ((Number) row[3]).longValue() });
        }
        for (InterviewSession s : sessions) {
            long[] c = counts.getOrDefault(s.id, new long[3]);
            long unanswered = Math.max(0, s.questions.size() - c[0]);
            long counted = c[1] + unanswered;
            if (c[1] > 0) {
                scores.put(s.id, (int) Math.round((double) c[2] / counted));
            }
        }
        return scores;
    }

    /** Mean score of the graded current answers, per session. */
    public Map<UUID, Double> meanScores(List<UUID> sessionIds) {
        Map<UUID, Double> scores = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return scores;
        }
        List<Object[]> rows = getEntityManager().createQuery(
                "select a.sessionId, avg(a.score) from Answer a where a.sessionId in :ids and a.current = true "
                        + "and a.status = dev.viva.session.domain.AnswerStatus.GRADED group by a.sessionId", Object[].class)
                .setParameter("ids", sessionIds)
                .getResultList();
        for (Object[] row : rows) {
            scores.put((UUID) row[0], ((Number) row[1]).doubleValue());
        }
        return scores;
    }
}
