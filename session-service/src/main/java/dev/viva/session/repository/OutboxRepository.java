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

    public long deleteSentBefore(Instant before) {
        return delete("sentAt < ?1", before);
    }

    public long countUnsent() {
        return count("sentAt is null");
    }
}
