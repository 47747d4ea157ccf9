package dev.viva.grader.repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

import org.hibernate.jpa.HibernateHints;

import dev.viva.grader.domain.OutboxMessage;
import dev.viva.grader.domain.OutboxWritten;
import dev.viva.grader.messaging.TraceContext;

@ApplicationScoped
public class OutboxRepository {

    private final EntityManager em;
    private final Event<OutboxWritten> written;
    private final TraceContext trace;

    public OutboxRepository(EntityManager em, Event<OutboxWritten> written, TraceContext trace) {
        this.em = em;
        this.written = written;
        this.trace = trace;
    }

    /** Writes the row, with the current trace context, in the caller's transaction; the relay is woken once that transaction commits. */
    public void add(OutboxMessage message) {
        message.traceParent = trace.current();
        em.persist(message);
        written.fire(new OutboxWritten(message.topic));
    }

    /**
     * Claims due, unsent rows for this transaction, oldest first; rows another relay instance holds are
     * skipped, so several instances relay at once without publishing a row twice concurrently. The rows
     * are read only: the relay records each outcome with {@link #markSent} and {@link #markFailed}, not by
     * changing the entities (dirty checking and one UPDATE per row at commit).
     */
    @SuppressWarnings("unchecked")
    public List<OutboxMessage> claimDue(int limit) {
        return em.createNativeQuery("""
                SELECT * FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= now()
                ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """, OutboxMessage.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true).setParameter("limit", limit).getResultList();
    }

    /** Marks claimed rows sent, in one statement. */
    public void markSent(List<UUID> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE outbox SET sent_at = :at, attempts = attempts + 1, last_error = NULL WHERE id = ANY(:ids)")
                .setParameter("at", at).setParameter("ids", ids.toArray(UUID[]::new)).executeUpdate();
    }

    /** Records a claimed row's failed send; it is due again at {@code retryAt}. */
    public void markFailed(UUID id, String error, Instant retryAt) {
        em.createNativeQuery("UPDATE outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :retryAt WHERE id = :id")
                .setParameter("error", error).setParameter("retryAt", retryAt).setParameter("id", id).executeUpdate();
    }

    /**
     * Of the given claimed rows (rows whose send failed before), deletes those that no longer need sending:
     * none here. A grade stays worth sending after a regrade or a review, because session-service keeps
     * the highest revision and ignores a lower one. @return the ids deleted
     */
    public List<UUID> deleteWithdrawn(List<UUID> ids) {
        return List.of();
    }

    public long deleteSentBefore(Instant before) {
        return em.createQuery("DELETE FROM OutboxMessage o WHERE o.sentAt < :before").setParameter("before", before)
                .executeUpdate();
    }

    /** The unsent event of an answer's latest evaluation, if any. */
    public Optional<OutboxMessage> unsentFor(UUID answerId) {
        return em.createQuery("""
                SELECT o FROM OutboxMessage o, Evaluation e
                WHERE o.evaluationId = e.id AND e.answerId = :a AND o.sentAt IS NULL
                """, OutboxMessage.class).setParameter("a", answerId).getResultStream().findFirst();
    }
}
