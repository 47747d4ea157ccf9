package dev.viva.session.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.jpa.HibernateHints;

import dev.viva.session.domain.OutboxMessage;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, UUID> {

    /**
     * Claims due, unsent rows for this transaction, oldest first; rows another relay instance holds are
     * skipped, so several instances relay at once without publishing a row twice concurrently. The rows
     * are read only: the relay records each outcome with {@link #markSent} and {@link #markFailed}, not by
     * changing the entities (dirty checking and one UPDATE per row at commit).
     */
    @SuppressWarnings("unchecked")
    public List<OutboxMessage> claimDue(int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= now()
                ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """, OutboxMessage.class)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** Marks claimed rows sent, in one statement. */
    public void markSent(List<UUID> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        getEntityManager().createNativeQuery("UPDATE outbox SET sent_at = :at, attempts = attempts + 1, last_error = NULL WHERE id = ANY(:ids)")
                .setParameter("at", at).setParameter("ids", ids.toArray(UUID[]::new)).executeUpdate();
    }

    /** Records a claimed row's failed send; it is due again at {@code retryAt}. */
    public void markFailed(UUID id, String error, Instant retryAt) {
        getEntityManager().createNativeQuery("UPDATE outbox SET attempts = attempts + 1, last_error = :error, next_attempt_at = :retryAt WHERE id = :id")
                .setParameter("error", error).setParameter("retryAt", retryAt).setParameter("id", id).executeUpdate();
    }

    /**
     * Of the given claimed rows (rows whose send failed before), deletes those that no longer need sending,
     * and returns their ids: here, the answer submissions whose answer has been replaced since. A
     * submit that replaces an answer drops its unsent submission itself, except one the relay held at that
     * moment (being sent), which the submit does not wait for. When that send failed, the row comes back for
     * a retry, and here it is dropped instead, so a replaced answer is not graded. @return the ids deleted
     */
    @SuppressWarnings("unchecked")
    public List<UUID> deleteWithdrawn(List<UUID> ids) {
        return getEntityManager().createNativeQuery("""
                DELETE FROM outbox o USING answers a
                 WHERE o.id = ANY(:ids) AND o.event_type = 'AnswerSubmitted' AND o.sent_at IS NULL
                   AND a.id = (o.payload::jsonb ->> 'answerId')::uuid AND NOT a.is_current
                RETURNING o.id
                """).setParameter("ids", ids.toArray(UUID[]::new)).getResultList();
    }

    public long deleteSentBefore(Instant before) {
        return delete("sentAt < ?1", before);
    }

    public long countUnsent() {
        return count("sentAt is null");
    }
}
