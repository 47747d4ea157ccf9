package dev.viva.session.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.viva.session.domain.OutboxMessage;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxMessage, UUID> {

    /**
     * Claims due, unsent rows for this transaction, oldest first; rows another relay instance holds are
     * skipped, so several instances relay at once without publishing a row twice concurrently.
     */
    @SuppressWarnings("unchecked")
    public List<OutboxMessage> claimDue(int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= now()
                ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED
                """, OutboxMessage.class)
                .setParameter("limit", limit)
                .getResultList();
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
