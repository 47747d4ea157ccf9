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
import dev.viva.session.domain.SessionStatus;
import dev.viva.session.service.SessionFilter;
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

    /** The team's sessions that pass the filter, newest first. */
    public List<InterviewSession> search(String team, SessionFilter f, Instant now) {
        StringBuilder q = new StringBuilder("select s from InterviewSession s where s.team = :team");
        Map<String, Object> params = new HashMap<>();
        params.put("team", team);
        if (f.candidate() != null) {
            q.append(" and s.candidate = :candidate");
            params.put("candidate", f.candidate());
        }
        if (f.from() != null) {
            q.append(" and s.createdAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            q.append(" and s.createdAt < :to");
            params.put("to", f.to());
        }
        if (f.category() != null) {
            q.append(" and exists (select 1 from InterviewSession s2 join s2.questions sq where s2.id = s.id and sq.category = :category)");
            params.put("category", f.category());
        }
        if (f.status() != null) {
            String open = "dev.viva.session.domain.SessionStatus.OPEN";
            switch (f.status()) {
                case OPEN -> q.append(" and s.status = " + open + " and (s.expiresAt is null or s.expiresAt > :now)");
                case EXPIRED -> q.append(" and (s.status = dev.viva.session.domain.SessionStatus.EXPIRED or (s.status = "
                        + open + " and s.expiresAt <= :now))");
                case COMPLETED -> q.append(" and s.status = dev.viva.session.domain.SessionStatus.COMPLETED");
            }
            if (f.status() != SessionStatus.COMPLETED) {
                params.put("now", now);
            }
        }
        q.append(" order by s.createdAt desc, s.id");
        var query = getEntityManager().createQuery(q.toString(), InterviewSession.class).setMaxResults(f.limit());
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    /** Marks open sessions past their time limit as EXPIRED; returns how many. */
    public int expireOverdue(Instant now) {
        return update("status = dev.viva.session.domain.SessionStatus.EXPIRED, version = version + 1 "
                + "where status = dev.viva.session.domain.SessionStatus.OPEN and expiresAt is not null and expiresAt <= ?1", now);
    }

    /** How many current answers have a grade an interviewer reviewed, per session (absent: none). */
    public Map<UUID, Integer> reviewedCounts(List<UUID> sessionIds) {
        Map<UUID, Integer> counts = new HashMap<>();
        if (sessionIds.isEmpty()) {
            return counts;
        }
        for (Object[] row : getEntityManager().createQuery(
                "select a.sessionId, count(a) from Answer a where a.sessionId in :ids and a.current = true "
                        + "and a.gradeSource = 'review' group by a.sessionId", Object[].class)
                .setParameter("ids", sessionIds).getResultList()) {
            counts.put((UUID) row[0], ((Number) row[1]).intValue());
        }
        return counts;
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
}
