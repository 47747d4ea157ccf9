package dev.viva.session.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.session.domain.OutboxMessage;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, Long> {

    /**
     * Claims due, unsent rows for this transaction; rows another relay instance holds are skipped, so
     * several instances can relay at once without publishing a row twice concurrently.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxMessage> claimDue(Instant now, int limit) {
        return getEntityManager().createNativeQuery(
                "SELECT * FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ?1 ORDER BY id LIMIT ?2 FOR UPDATE SKIP LOCKED",
                OutboxMessage.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    public long countUnsent() {
        return count("sentAt is null");
    }

    /**
     * Drops the not yet published AnswerSubmitted of an answer that was just replaced, so that the grader never
     * spends a grading on it; one already published is graded and then ignored as not current.
     *
     * @return how many rows were dropped (0 or 1)
     */
    public int dropUnsentSubmission(UUID sessionId, UUID answerId) {
        return getEntityManager().createNativeQuery("DELETE FROM outbox WHERE sent_at IS NULL AND message_key = :session "
                + "AND (payload::jsonb ->> 'answerId') = :answer")
                .setParameter("session", sessionId.toString()).setParameter("answer", answerId.toString()).executeUpdate();
    }
}
