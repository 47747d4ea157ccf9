package dev.viva.session.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.viva.session.domain.Answer;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class AnswerRepository implements PanacheRepositoryBase<Answer, UUID> {

    public Optional<Answer> findByIdempotencyKey(UUID sessionId, String candidate, String key) {
        return find("sessionId = ?1 and candidate = ?2 and idempotencyKey = ?3", sessionId, candidate, key)
                .firstResultOptional();
    }

    /**
     * Supersedes the current answer to a question, if there is one, and drops its AnswerSubmitted outbox row
     * if that has not left yet (a replaced answer is then never graded; one already published is graded and
     * ignored as not current), in one statement. The UPDATE takes the answer's row lock, the lock the grading
     * path takes to apply a grade, so neither finds the other's change under its version check: a grade
     * being applied makes this wait for its commit, and a grade that comes later finds the answer superseded.
     *
     * @return how many unsent outbox rows were dropped (0 or 1)
     */
    public int supersedeCurrent(UUID sessionId, String questionId, Instant now) {
        return getEntityManager().createNativeQuery("""
                WITH previous AS (
                    UPDATE answers SET is_current = false, superseded_at = :now, updated_at = :now, version = version + 1
                     WHERE session_id = :session AND question_id = :question AND is_current
                    RETURNING id)
                DELETE FROM outbox WHERE sent_at IS NULL AND message_key = :key
                   AND (payload::jsonb ->> 'answerId') IN (SELECT id::text FROM previous)
                """).unwrap(org.hibernate.query.NativeQuery.class)
                .addSynchronizedQuerySpace("answers").addSynchronizedQuerySpace("outbox")
                .setParameter("now", now).setParameter("session", sessionId).setParameter("question", questionId)
                .setParameter("key", sessionId.toString())
                .executeUpdate();
    }

    /** Counts of a session's current answers: answered, graded, failed (for its progress events), without loading them. */
    public long[] currentCounts(UUID sessionId) {
        Object[] row = getEntityManager().createQuery("select count(a), "
                + "coalesce(sum(case when a.status = dev.viva.session.domain.AnswerStatus.GRADED then 1 else 0 end), 0), "
                + "coalesce(sum(case when a.status = dev.viva.session.domain.AnswerStatus.FAILED then 1 else 0 end), 0) "
                + "from Answer a where a.sessionId = ?1 and a.current = true", Object[].class)
                .setParameter(1, sessionId).getSingleResult();
        return new long[] { ((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue() };
    }

    public List<Answer> currentAnswers(UUID sessionId) {
        return list("sessionId = ?1 and current = true", sessionId);
    }

    /** The current answers of many sessions at once. */
    public List<Answer> currentAnswers(List<UUID> sessionIds) {
        return sessionIds.isEmpty() ? List.of() : list("sessionId in ?1 and current = true", sessionIds);
    }

    public List<Answer> allAnswers(UUID sessionId) {
        return list("sessionId", Sort.ascending("submittedAt"), sessionId);
    }

    public Optional<Answer> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
